//! A keep-alive HTTP/1.1 client that does as little per request as a load generator can
//! (issue 13, item 9): one write of the request, one read loop for the answer, a parser that
//! knows the status line, `Content-Length`, chunked bodies and the one header the bench reads.
//! The closed-loop rushes and `/healthz` use it: reqwest spent more CPU per request than the
//! server it measured (45 µs against 37 µs for a refusal), on the same two cores, so its own
//! work was a good part of every latency reported.

use std::io;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// An answer: its status, whether it was a replay (`Idempotency-Replayed: true`), its body.
pub struct Answer {
    pub status: u16,
    pub replayed: bool,
    pub body: Vec<u8>,
}

/// One connection to one instance, opened again after a failure.
pub struct Conn {
    /// `127.0.0.1:port`.
    host: String,
    stream: Option<TcpStream>,
    /// Set while a request is under way: still set at the next one, the last one failed.
    in_flight: bool,
    out: Vec<u8>,
    buf: Vec<u8>,
}

impl Conn {
    /// A connection to `base` (`http://127.0.0.1:port`), opened on the first request.
    pub fn new(base: &str) -> Self {
        let host = base.strip_prefix("http://").unwrap_or(base).trim_end_matches('/').to_owned();
        Self { host, stream: None, in_flight: false, out: Vec::with_capacity(1024), buf: Vec::with_capacity(4096) }
    }

    /// Sends one request and reads its answer. A failure is not retried (the caller counts it
    /// as unanswered), and the next request opens a new connection: the failed one is in an
    /// unknown state.
    pub async fn send(
        &mut self,
        method: &str,
        path: &str,
        headers: &[(&str, &str)],
        body: &[u8],
    ) -> io::Result<Answer> {
        if std::mem::replace(&mut self.in_flight, true) {
            self.stream = None;
        }
        if self.stream.is_none() {
            let stream = TcpStream::connect(&self.host).await?;
            stream.set_nodelay(true)?;
            self.stream = Some(stream);
        }
        let Some(stream) = self.stream.as_mut() else { unreachable!("opened above") };
        self.out.clear();
        for part in [method, " ", path, " HTTP/1.1\r\nhost: ", &self.host, "\r\n"] {
            self.out.extend_from_slice(part.as_bytes());
        }
        for (name, value) in headers {
            for part in [name, ": ", value, "\r\n"] {
                self.out.extend_from_slice(part.as_bytes());
            }
        }
        if method != "GET" {
            self.out.extend_from_slice(format!("content-length: {}\r\n", body.len()).as_bytes());
        }
        self.out.extend_from_slice(b"\r\n");
        self.out.extend_from_slice(body);
        stream.write_all(&self.out).await?;

        self.buf.clear();
        let head_end = loop {
            if let Some(at) = find(&self.buf, b"\r\n\r\n") {
                break at + 4;
            }
            read_more(stream, &mut self.buf).await?;
        };
        let head = parse_head(&self.buf[..head_end])?;
        let body = match head.length {
            Length::Exactly(length) => {
                while self.buf.len() < head_end + length {
                    read_more(stream, &mut self.buf).await?;
                }
                self.buf[head_end..head_end + length].to_vec()
            }
            Length::Chunked => read_chunked(stream, &mut self.buf, head_end).await?,
        };
        if head.close {
            self.stream = None;
        }
        self.in_flight = false;
        Ok(Answer { status: head.status, replayed: head.replayed, body })
    }
}

async fn read_more(stream: &mut TcpStream, buf: &mut Vec<u8>) -> io::Result<()> {
    if stream.read_buf(buf).await? == 0 {
        return Err(io::Error::new(io::ErrorKind::UnexpectedEof, "the server closed the connection"));
    }
    Ok(())
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

enum Length {
    Exactly(usize),
    Chunked,
}

struct Head {
    status: u16,
    replayed: bool,
    close: bool,
    length: Length,
}

fn bad(what: &str) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, what.to_owned())
}

fn parse_head(head: &[u8]) -> io::Result<Head> {
    let text = std::str::from_utf8(head).map_err(|_| bad("a response head that is not UTF-8"))?;
    let mut lines = text.split("\r\n");
    let status_line = lines.next().unwrap_or_default();
    let status = status_line
        .strip_prefix("HTTP/1.1 ")
        .and_then(|rest| rest.get(..3))
        .and_then(|code| code.parse().ok())
        .ok_or_else(|| bad("a response without an HTTP/1.1 status line"))?;
    let (mut replayed, mut close, mut length) = (false, false, Length::Exactly(0));
    for line in lines {
        let Some((name, value)) = line.split_once(':') else { continue };
        let value = value.trim();
        if name.eq_ignore_ascii_case("content-length") {
            length = Length::Exactly(value.parse().map_err(|_| bad("a Content-Length that is not a number"))?);
        } else if name.eq_ignore_ascii_case("transfer-encoding") && value.eq_ignore_ascii_case("chunked") {
            length = Length::Chunked;
        } else if name.eq_ignore_ascii_case("idempotency-replayed") {
            replayed = value == "true";
        } else if name.eq_ignore_ascii_case("connection") {
            close = value.eq_ignore_ascii_case("close");
        }
    }
    Ok(Head { status, replayed, close, length })
}

/// A chunked body starting at `at` in `buf`, reading more as needed.
async fn read_chunked(stream: &mut TcpStream, buf: &mut Vec<u8>, mut at: usize) -> io::Result<Vec<u8>> {
    let mut body = Vec::new();
    loop {
        let line_end = loop {
            if let Some(end) = find(&buf[at..], b"\r\n") {
                break at + end;
            }
            read_more(stream, buf).await?;
        };
        let size_text = std::str::from_utf8(&buf[at..line_end]).map_err(|_| bad("a chunk size"))?;
        let size = usize::from_str_radix(size_text.split(';').next().unwrap_or("").trim(), 16)
            .map_err(|_| bad("a chunk size that is not hexadecimal"))?;
        let data = line_end + 2;
        while buf.len() < data + size + 2 {
            read_more(stream, buf).await?;
        }
        if size == 0 {
            return Ok(body);
        }
        body.extend_from_slice(&buf[data..data + size]);
        at = data + size + 2;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tokio::net::TcpListener;

    /// A server that answers each request it reads with the next canned answer.
    async fn serve(answers: Vec<&'static [u8]>) -> String {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        tokio::spawn(async move {
            let (mut socket, _) = listener.accept().await.unwrap();
            let mut seen = Vec::new();
            for answer in answers {
                while find(&seen, b"\r\n\r\n").is_none() {
                    socket.read_buf(&mut seen).await.unwrap();
                }
                let end = find(&seen, b"\r\n\r\n").unwrap() + 4;
                let head = String::from_utf8_lossy(&seen[..end]).to_lowercase();
                let length: usize = head
                    .lines()
                    .find_map(|l| l.strip_prefix("content-length: "))
                    .map_or(0, |n| n.trim().parse().unwrap());
                while seen.len() < end + length {
                    socket.read_buf(&mut seen).await.unwrap();
                }
                seen.drain(..end + length);
                socket.write_all(answer).await.unwrap();
            }
        });
        format!("http://{addr}")
    }

    #[tokio::test]
    async fn reads_sized_and_chunked_answers_on_one_connection() {
        let base = serve(vec![
            b"HTTP/1.1 409 Conflict\r\ncontent-type: application/problem+json\r\ncontent-length: 7\r\n\r\n{\"a\":1}",
            b"HTTP/1.1 201 Created\r\nIdempotency-Replayed: true\r\ntransfer-encoding: chunked\r\n\r\n3\r\nabc\r\n2;x=y\r\nde\r\n0\r\n\r\n",
            b"HTTP/1.1 200 OK\r\ncontent-length: 0\r\n\r\n",
        ])
        .await;
        let mut conn = Conn::new(&base);
        let first = conn.send("POST", "/a", &[("idempotency-key", "k1")], b"{}").await.unwrap();
        assert_eq!((first.status, first.replayed, first.body.as_slice()), (409, false, &b"{\"a\":1}"[..]));
        let second = conn.send("POST", "/a", &[], b"{\"x\":2}").await.unwrap();
        assert_eq!((second.status, second.replayed, second.body.as_slice()), (201, true, &b"abcde"[..]));
        let third = conn.send("GET", "/healthz", &[], b"").await.unwrap();
        assert_eq!((third.status, third.body.len()), (200, 0));
        assert!(conn.send("GET", "/healthz", &[], b"").await.is_err(), "the server has hung up");
    }
}
