//! A minimal, deterministic ZIP writer (deflate, fixed timestamps) for downloading a module as one
//! file. Pure: bytes in, bytes out.

use super::ExportFile;

fn crc32(data: &[u8]) -> u32 {
    let mut table = [0u32; 256];
    for (i, slot) in table.iter_mut().enumerate() {
        let mut c = i as u32;
        for _ in 0..8 {
            c = if c & 1 != 0 {
                0xEDB8_8320 ^ (c >> 1)
            } else {
                c >> 1
            };
        }
        *slot = c;
    }
    let mut crc = 0xFFFF_FFFFu32;
    for &b in data {
        crc = table[((crc ^ b as u32) & 0xFF) as usize] ^ (crc >> 8);
    }
    crc ^ 0xFFFF_FFFF
}

fn u16le(out: &mut Vec<u8>, v: u16) {
    out.extend_from_slice(&v.to_le_bytes());
}
fn u32le(out: &mut Vec<u8>, v: u32) {
    out.extend_from_slice(&v.to_le_bytes());
}

/// 1980-01-01 00:00, the earliest DOS date: the same design gives the same bytes.
const DOS_TIME: u16 = 0;
const DOS_DATE: u16 = (1 << 5) | 1;
/// Bit 11: names are UTF-8.
const FLAGS: u16 = 1 << 11;

/// The fields the local header and the central directory record share, in their common order:
/// version needed, flags, method (deflate), time, date, CRC-32, sizes, name length.
struct Entry {
    crc: u32,
    packed: u32,
    size: u32,
    name_len: u16,
}

impl Entry {
    fn write_common(&self, out: &mut Vec<u8>) {
        u16le(out, 20);
        u16le(out, FLAGS);
        u16le(out, 8);
        u16le(out, DOS_TIME);
        u16le(out, DOS_DATE);
        u32le(out, self.crc);
        u32le(out, self.packed);
        u32le(out, self.size);
        u16le(out, self.name_len);
    }
}

/// The files in one ZIP archive under `folder/`. Scripts get the executable bit.
pub fn zip(folder: &str, files: &[ExportFile]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut central = Vec::new();
    for f in files {
        let name = format!("{folder}/{}", f.name);
        let data = f.contents.as_bytes();
        let packed = miniz_oxide::deflate::compress_to_vec(data, 9);
        let offset = out.len() as u32;
        let entry = Entry {
            crc: crc32(data),
            packed: packed.len() as u32,
            size: data.len() as u32,
            name_len: name.len() as u16,
        };
        u32le(&mut out, 0x0403_4b50);
        entry.write_common(&mut out);
        u16le(&mut out, 0);
        out.extend_from_slice(name.as_bytes());
        out.extend_from_slice(&packed);

        let mode: u32 = if f.name.ends_with(".sh") {
            0o100755
        } else {
            0o100644
        };
        u32le(&mut central, 0x0201_4b50);
        u16le(&mut central, (3 << 8) | 20); // made by Unix, version 2.0
        entry.write_common(&mut central);
        u16le(&mut central, 0);
        u16le(&mut central, 0);
        u16le(&mut central, 0);
        u16le(&mut central, 0);
        u32le(&mut central, mode << 16);
        u32le(&mut central, offset);
        central.extend_from_slice(name.as_bytes());
    }
    let central_offset = out.len() as u32;
    let central_len = central.len() as u32;
    out.extend_from_slice(&central);
    u32le(&mut out, 0x0605_4b50);
    u16le(&mut out, 0);
    u16le(&mut out, 0);
    u16le(&mut out, files.len() as u16);
    u16le(&mut out, files.len() as u16);
    u32le(&mut out, central_len);
    u32le(&mut out, central_offset);
    u16le(&mut out, 0);
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn crc32_of_known_input() {
        assert_eq!(super::crc32(b"123456789"), 0xCBF4_3926);
    }
}
