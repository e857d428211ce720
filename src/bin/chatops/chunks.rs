//! The reader `chatops replay` uses for JSON Lines: a source read on its own thread in chunks of
//! whole lines, so one chunk is replayed while the next is read, and one over-long line is cut
//! instead of held.

use chatops_designer::domain::pipeline::replay::MAX_EVENT_TEXT;
use std::io::Read;

/// A source read on its own thread in chunks of about 8 MB that end at a line end (the last
/// chunk wherever the source ends), so one chunk is replayed while the next is read. Two
/// buffers go back and forth; memory stays flat however long the source.
pub struct LineChunks {
    full: std::sync::mpsc::Receiver<std::io::Result<Vec<u8>>>,
    empty: std::sync::mpsc::SyncSender<Vec<u8>>,
}

impl LineChunks {
    const SIZE: usize = 8 << 20;

    pub fn start(mut source: Box<dyn Read + Send>) -> LineChunks {
        let (full_tx, full) = std::sync::mpsc::sync_channel(1);
        let (empty, empty_rx) = std::sync::mpsc::sync_channel::<Vec<u8>>(2);
        std::thread::spawn(move || {
            let mut carry: Vec<u8> = Vec::new();
            'chunks: loop {
                let mut buf = empty_rx
                    .try_recv()
                    .unwrap_or_else(|_| Vec::with_capacity(Self::SIZE + (64 << 10)));
                buf.clear();
                buf.append(&mut carry);
                // Read SIZE bytes more, and on until the chunk holds a line end, or the source ends.
                let mut want = buf.len() + Self::SIZE;
                let eof = loop {
                    match (&mut source)
                        .take((want - buf.len()) as u64)
                        .read_to_end(&mut buf)
                    {
                        Err(e) => {
                            let _ = full_tx.send(Err(e));
                            return;
                        }
                        Ok(0) => break true,
                        Ok(_) if buf.len() < want => {}
                        Ok(_) => match memchr::memrchr(b'\n', &buf) {
                            // Whole lines only: what follows the last line end starts the next chunk.
                            Some(i) => {
                                carry.extend_from_slice(&buf[i + 1..]);
                                buf.truncate(i + 1);
                                break false;
                            }
                            // One line longer than any event can be: its first bytes are
                            // kept (replay counts it malformed, as too long), the rest is
                            // skipped to its end, so memory stays bounded.
                            // The kept part goes to the reader at once (an input that is
                            // no log at all, such as /dev/zero, is refused without waiting
                            // for a line end that never comes).
                            None if buf.len() > Self::LINE_CAP => {
                                let mut cut = Self::LINE_CAP;
                                while cut > 0 && (buf[cut] & 0xC0) == 0x80 {
                                    cut -= 1;
                                }
                                buf.truncate(cut);
                                buf.push(b'\n');
                                if full_tx.send(Ok(std::mem::take(&mut buf))).is_err() {
                                    return;
                                }
                                match Self::skip_line(&mut source, &mut carry) {
                                    Err(e) => {
                                        let _ = full_tx.send(Err(e));
                                        return;
                                    }
                                    Ok(false) => return,
                                    Ok(true) => continue 'chunks,
                                }
                            }
                            None => want += Self::SIZE,
                        },
                    }
                };
                if full_tx.send(Ok(buf)).is_err() || eof {
                    return;
                }
            }
        });
        LineChunks { full, empty }
    }

    /// The most bytes of one line kept: past the longest event text replay reads, so a line
    /// cut here is still counted as too long.
    const LINE_CAP: usize = MAX_EVENT_TEXT + (64 << 10);

    /// Reads and drops the rest of a line; what follows its end goes into `carry`. True when
    /// the line ended (false: the source ended first).
    fn skip_line(source: &mut impl Read, carry: &mut Vec<u8>) -> std::io::Result<bool> {
        let mut block = vec![0u8; 64 << 10];
        loop {
            let n = source.read(&mut block)?;
            if n == 0 {
                return Ok(false);
            }
            if let Some(i) = memchr::memchr(b'\n', &block[..n]) {
                carry.extend_from_slice(&block[i + 1..n]);
                return Ok(true);
            }
        }
    }

    /// The next chunk; `None` once the source has ended.
    pub fn next(&self) -> Option<std::io::Result<Vec<u8>>> {
        self.full.recv().ok()
    }

    /// Hands a replayed chunk's buffer back for reading into.
    pub fn recycle(&self, buf: Vec<u8>) {
        let _ = self.empty.try_send(buf);
    }
}
