//! Just enough HTTP/1.1 to test `handout serve` from outside, with full
//! control over what is sent (hostile requests included): the server as
//! a child process of the real binary, and a client over a plain socket.
#![allow(dead_code)]

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

/// `handout serve` on a free port of 127.0.0.1, stopped when dropped.
pub struct Server {
    child: Child,
    pub addr: SocketAddr,
}

impl Server {
    /// Start it in `dir` (an empty folder: the built-in project is used)
    /// with "today" at `epoch`.
    pub fn start(dir: &std::path::Path, epoch: &str) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_handout"))
            .args(["serve", "--listen", "127.0.0.1:0"])
            .current_dir(dir)
            .env("SOURCE_DATE_EPOCH", epoch)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("handout serve starts");
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap()).read_line(&mut line).unwrap();
        let url = line.split_whitespace().find(|w| w.starts_with("http://")).unwrap_or_else(|| panic!("{line}"));
        let port: u16 = url.trim_end_matches('/').rsplit(':').next().unwrap().parse().unwrap();
        Server { child, addr: SocketAddr::from(([127, 0, 0, 1], port)) }
    }

    /// Stop it as a container or systemd does (SIGTERM); how it ended,
    /// if it did within ten seconds.
    pub fn terminate(&mut self) -> Option<std::process::ExitStatus> {
        let pid = self.child.id().to_string();
        Command::new("kill").args(["-TERM", &pid]).status().expect("kill runs");
        let until = std::time::Instant::now() + Duration::from_secs(10);
        while std::time::Instant::now() < until {
            if let Some(status) = self.child.try_wait().unwrap() {
                return Some(status);
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        None
    }

    /// The server's process id (to read its memory use).
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// Send `head` (request line and headers, without the blank line)
    /// and `body`; the answer.
    pub fn raw(&self, head: &str, body: &[u8]) -> Reply {
        let mut s = TcpStream::connect(self.addr).unwrap();
        s.set_read_timeout(Some(Duration::from_secs(60))).unwrap();
        let head = format!("{head}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n", body.len());
        s.write_all(head.as_bytes()).unwrap();
        // The server may answer (413) and close before the body is sent.
        let _ = s.write_all(body);
        let mut bytes = Vec::new();
        let _ = s.read_to_end(&mut bytes);
        Reply::parse(&bytes)
    }

    pub fn get(&self, path: &str) -> Reply {
        self.raw(&format!("GET {path} HTTP/1.1\r\nHost: localhost"), b"")
    }

    /// POST a multipart form; `accept` chooses how errors come back.
    pub fn post(&self, path: &str, form: &Multipart, accept: &str) -> Reply {
        let head = format!(
            "POST {path} HTTP/1.1\r\nHost: localhost\r\nAccept: {accept}\r\nContent-Type: multipart/form-data; boundary={}",
            Multipart::BOUNDARY
        );
        self.raw(&head, &form.body())
    }

    pub fn post_urlencoded(&self, path: &str, body: &[u8]) -> Reply {
        let head =
            format!("POST {path} HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/x-www-form-urlencoded");
        self.raw(&head, body)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// An answer.
pub struct Reply {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Reply {
    fn parse(bytes: &[u8]) -> Reply {
        let split = bytes
            .windows(4)
            .position(|w| w == b"\r\n\r\n")
            .unwrap_or_else(|| panic!("no HTTP answer: {:?}", String::from_utf8_lossy(&bytes[..bytes.len().min(200)])));
        let head = String::from_utf8_lossy(&bytes[..split]).into_owned();
        let mut lines = head.lines();
        let status = lines.next().unwrap().split_whitespace().nth(1).unwrap().parse().unwrap();
        let headers = lines
            .filter_map(|l| l.split_once(':'))
            .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_string()))
            .collect();
        let mut reply = Reply { status, headers, body: bytes[split + 4..].to_vec() };
        if reply.header("transfer-encoding") == Some("chunked") {
            reply.body = unchunk(&reply.body);
        }
        reply
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
    }

    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

fn unchunk(mut body: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    loop {
        let Some(end) = body.windows(2).position(|w| w == b"\r\n") else { return out };
        let size = usize::from_str_radix(std::str::from_utf8(&body[..end]).unwrap().trim(), 16).unwrap();
        if size == 0 {
            return out;
        }
        out.extend_from_slice(&body[end + 2..end + 2 + size]);
        body = &body[end + 2 + size + 2..];
    }
}

/// A multipart form being put together.
#[derive(Default, Clone)]
pub struct Multipart {
    parts: Vec<(String, Option<String>, Vec<u8>)>,
}

impl Multipart {
    const BOUNDARY: &'static str = "handout-test-boundary-7MA4YWxkTrZu0gW";

    pub fn new() -> Multipart {
        Multipart::default()
    }

    pub fn text(mut self, name: &str, value: &str) -> Multipart {
        self.parts.push((name.into(), None, value.as_bytes().to_vec()));
        self
    }

    pub fn bytes(mut self, name: &str, value: &[u8]) -> Multipart {
        self.parts.push((name.into(), None, value.to_vec()));
        self
    }

    pub fn file(mut self, name: &str, file_name: &str, bytes: &[u8]) -> Multipart {
        self.parts.push((name.into(), Some(file_name.into()), bytes.to_vec()));
        self
    }

    pub fn body(&self) -> Vec<u8> {
        let mut out = Vec::new();
        for (name, file, bytes) in &self.parts {
            out.extend_from_slice(format!("--{}\r\n", Self::BOUNDARY).as_bytes());
            let disposition = match file {
                Some(f) => {
                    format!("form-data; name=\"{name}\"; filename=\"{f}\"\r\nContent-Type: application/octet-stream")
                }
                None => format!("form-data; name=\"{name}\""),
            };
            out.extend_from_slice(format!("Content-Disposition: {disposition}\r\n\r\n").as_bytes());
            out.extend_from_slice(bytes);
            out.extend_from_slice(b"\r\n");
        }
        out.extend_from_slice(format!("--{}--\r\n", Self::BOUNDARY).as_bytes());
        out
    }
}
