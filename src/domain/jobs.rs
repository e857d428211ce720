//! The work the app hands to its background module (a Web Worker, `src/bin/worker.rs`): exports
//! with their highlighting, ZIP files and imports. Requests and replies are JSON text, so the page's
//! module links none of the exporters, the YAML parser or the HCL parser; only the worker does.
//! Pure: `handle` is the whole worker, tested natively.

use crate::domain::base::highlight::highlight;
use crate::domain::design::model::Design;
use crate::domain::export::zip::zip;
use crate::domain::export::{ExportFile, ExportOptions, Format};
use crate::domain::import::import_files_with;
use crate::domain::import::terraform::DeclaredVariable;
use crate::domain::verify::export_predicted;
use base64::Engine;
use serde::{Deserialize, Serialize};

/// Work for the background module.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "job", rename_all = "camelCase")]
pub enum Job {
    /// Export the design file `design` in `format` (a `Format::id`) with `options` (key, value).
    Export {
        design: String,
        format: String,
        options: Vec<(String, String)>,
    },
    /// A ZIP of `files` under the folder `folder`.
    Zip { folder: String, files: Vec<File> },
    /// Import `files` (name, text) into the design file `design`.
    Import {
        design: String,
        files: Vec<(String, String)>,
        /// Values for the Terraform variables (name, value), as `--var` gives them.
        #[serde(default)]
        vars: Vec<(String, String)>,
    },
}

/// One exported file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct File {
    pub name: String,
    pub contents: String,
}

/// A run of text in one highlighting class (`TokenKind::as_str`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Span {
    pub class: String,
    pub text: String,
}

/// An exported file with its highlighting.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Highlighted {
    pub file: File,
    pub spans: Vec<Span>,
}

/// The background module's answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "reply", rename_all = "camelCase")]
pub enum Reply {
    Exported {
        files: Vec<Highlighted>,
        notes: Vec<String>,
        /// The texts of the assumptions the files rely on.
        assumptions: Vec<String>,
    },
    Zipped {
        /// The ZIP's bytes, base64.
        base64: String,
    },
    Imported {
        /// The design file after the import.
        design: String,
        /// What each step read and what it was recognised as ("main.tf, vars.tf as Terraform").
        steps: Vec<String>,
        notes: Vec<String>,
        /// What reached the design and what it kept (`import::Summary`).
        summary: String,
        /// The variables the Terraform files declare, with the values given.
        variables: Vec<DeclaredVariable>,
    },
    /// An import that could not produce a design: why, and the variables the Terraform files
    /// declare (values for them may let it through).
    NotImported {
        message: String,
        variables: Vec<DeclaredVariable>,
    },
    /// The job could not be done; the message says why, for a person.
    Failed { message: String },
}

/// A job as the page sends it: `{"id": 7, "job": {...}}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Request {
    pub id: u64,
    pub job: Job,
}

/// The answer to request `id`: `{"id": 7, "reply": {...}}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Answer {
    pub id: u64,
    pub reply: Reply,
}

/// Does one request given as JSON and answers as JSON. Never panics on any input; a request that
/// cannot be read is answered as failed (with id 0 when not even its id is readable).
pub fn handle(request: &str) -> String {
    let answer = match serde_json::from_str::<Request>(request) {
        Ok(r) => Answer {
            id: r.id,
            reply: run(r.job),
        },
        Err(e) => Answer {
            id: serde_json::from_str::<serde_json::Value>(request)
                .ok()
                .and_then(|v| v.get("id").and_then(|i| i.as_u64()))
                .unwrap_or(0),
            reply: failed(format!(
                "the background module received a request it cannot read: {e}"
            )),
        },
    };
    serde_json::to_string(&answer).unwrap_or_else(|e| {
        format!(
            r#"{{"id":{},"reply":{{"reply":"failed","message":"the answer could not be written: {}"}}}}"#,
            answer.id,
            e.to_string().replace(['"', '\\'], "'")
        )
    })
}

fn failed(message: impl Into<String>) -> Reply {
    Reply::Failed {
        message: message.into(),
    }
}

/// Does one job.
pub fn run(job: Job) -> Reply {
    match job {
        Job::Export {
            design,
            format,
            options,
        } => {
            let design = match Design::from_json(&design) {
                Ok(d) => d,
                Err(e) => return failed(format!("the design cannot be read: {e}")),
            };
            let format = match Format::parse(&format) {
                Ok(f) => f,
                Err(e) => return failed(e.to_string()),
            };
            let mut chosen = ExportOptions::default();
            for (key, value) in &options {
                if let Err(e) = chosen.set(key, value) {
                    return failed(e.to_string());
                }
            }
            let export = export_predicted(&design, format, &chosen.effective());
            Reply::Exported {
                files: export
                    .files
                    .into_iter()
                    .map(|f| Highlighted {
                        spans: spans(&f.name, &f.contents),
                        file: File {
                            name: f.name,
                            contents: f.contents,
                        },
                    })
                    .collect(),
                notes: export.notes,
                assumptions: export
                    .assumptions
                    .iter()
                    .map(|a| a.text.to_string())
                    .collect(),
            }
        }
        Job::Zip { folder, files } => {
            let files: Vec<ExportFile> = files
                .into_iter()
                .map(|f| ExportFile {
                    name: f.name,
                    contents: f.contents,
                })
                .collect();
            Reply::Zipped {
                base64: base64::engine::general_purpose::STANDARD.encode(zip(&folder, &files)),
            }
        }
        Job::Import {
            design,
            files,
            vars,
        } => {
            let current = match Design::from_json(&design) {
                Ok(d) => d,
                Err(e) => return failed(format!("the current design cannot be read: {e}")),
            };
            if files.iter().all(|(_, t)| t.trim().is_empty()) {
                return failed("there is nothing to import: the text is empty");
            }
            match import_files_with(&files, &current, &vars) {
                Ok(done) => Reply::Imported {
                    design: done.design.to_json(),
                    steps: done
                        .steps
                        .iter()
                        .map(|(what, kind)| format!("{what} as {}", kind.described()))
                        .collect(),
                    notes: done.notes.iter().map(|n| n.to_string()).collect(),
                    summary: done.summary.to_string(),
                    variables: done.variables,
                },
                Err(e) => Reply::NotImported {
                    message: e.to_string(),
                    variables: e.variables,
                },
            }
        }
    }
}

/// The file's text split into highlighted runs, neighbours of one class merged.
fn spans(name: &str, text: &str) -> Vec<Span> {
    let mut out: Vec<Span> = Vec::new();
    for t in highlight(name, text) {
        let class = t.kind.as_str();
        match out.last_mut() {
            Some(last) if last.class == class => last.text.push_str(&t.text),
            _ => out.push(Span {
                class: class.to_string(),
                text: t.text,
            }),
        }
    }
    out
}
