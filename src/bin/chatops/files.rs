//! What the CLI writes to disk (`export --out`, `import --out`): each file whole or not at all,
//! through a temporary file renamed into place, never through a symbolic link, with the folder
//! locked while an export writes.

use anyhow::{anyhow, Result};
use chatops_designer::domain::export::ExportFile;
use std::path::{Path, PathBuf};

/// One file of an export, written next to its destination and renamed over it: whole or not
/// at all, never through a symbolic link, with the destination's permissions when it existed
/// (a new script is executable).
struct Staged {
    temp: PathBuf,
    path: PathBuf,
}

fn check_destination(path: &Path) -> Result<Option<std::fs::Permissions>> {
    match std::fs::symlink_metadata(path) {
        Ok(m) if m.file_type().is_symlink() => Err(anyhow!(
            "{} is a symbolic link; remove it or choose another --out folder (exports never write through links)",
            path.display()
        )),
        Ok(m) if !m.is_file() => Err(anyhow!(
            "{} exists and is not a regular file; remove it or choose another --out folder",
            path.display()
        )),
        Ok(m) => Ok(Some(m.permissions())),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(anyhow!("cannot inspect {}: {e}", path.display())),
    }
}

fn stage(
    path: &Path,
    contents: &str,
    keep: Option<std::fs::Permissions>,
    executable: bool,
) -> Result<Staged> {
    use std::io::Write;
    let dir = path.parent().unwrap_or(Path::new("."));
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    let mut n = 0u32;
    let (temp, mut file) = loop {
        let temp = dir.join(format!(".{name}.{}.{n}.tmp", std::process::id()));
        let mut options = std::fs::OpenOptions::new();
        // create_new never opens an existing file or follows a link planted at the name.
        options.write(true).create_new(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            options.mode(if executable { 0o777 } else { 0o666 });
        }
        match options.open(&temp) {
            Ok(f) => break (temp, f),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists && n < 100 => n += 1,
            Err(e) => return Err(anyhow!("cannot create a file in {}: {e}", dir.display())),
        }
    };
    let written = file
        .write_all(contents.as_bytes())
        .and_then(|()| file.sync_all())
        .and_then(|()| match keep {
            Some(p) => std::fs::set_permissions(&temp, p),
            None => Ok(()),
        });
    if let Err(e) = written {
        let _ = std::fs::remove_file(&temp);
        return Err(anyhow!("cannot write {}: {e}", path.display()));
    }
    Ok(Staged {
        temp,
        path: path.to_path_buf(),
    })
}

/// Writes every file or none: destinations are checked first, each file is written to a
/// temporary file in the folder, and only when all are written are they renamed into place.
/// The folder is locked meanwhile (an advisory lock on the folder itself, released when the
/// process ends however it ends), so exports run at once into one folder leave the files of
/// one of them, never a mix.
pub fn write_files(dir: &Path, files: &[ExportFile]) -> Result<()> {
    let folder = std::fs::File::open(dir)
        .map_err(|e| anyhow!("cannot open the folder {}: {e}", dir.display()))?;
    folder
        .lock()
        .map_err(|e| anyhow!("cannot lock the folder {}: {e}", dir.display()))?;
    let mut keep = Vec::new();
    for f in files {
        keep.push(check_destination(&dir.join(&f.name))?);
    }
    let mut staged: Vec<Staged> = Vec::new();
    for (f, keep) in files.iter().zip(keep) {
        match stage(
            &dir.join(&f.name),
            &f.contents,
            keep,
            f.name.ends_with(".sh"),
        ) {
            Ok(s) => staged.push(s),
            Err(e) => {
                for s in &staged {
                    let _ = std::fs::remove_file(&s.temp);
                }
                return Err(e);
            }
        }
    }
    for (i, s) in staged.iter().enumerate() {
        if let Err(e) = std::fs::rename(&s.temp, &s.path) {
            for rest in &staged[i..] {
                let _ = std::fs::remove_file(&rest.temp);
            }
            return Err(anyhow!("cannot write {}: {e}", s.path.display()));
        }
    }
    Ok(())
}

/// Writes one file whole (the design `import --out` writes), never through a symbolic link.
pub fn write_file(path: &Path, contents: &str) -> Result<()> {
    let keep = check_destination(path)?;
    let staged = stage(path, contents, keep, false)?;
    if let Err(e) = std::fs::rename(&staged.temp, &staged.path) {
        let _ = std::fs::remove_file(&staged.temp);
        return Err(anyhow!("cannot write {}: {e}", path.display()));
    }
    Ok(())
}
