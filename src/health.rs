//! `handout health`: asks a running `handout serve` whether it answers,
//! for a container's health check (an image made from scratch has no curl).

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::time::Duration;

/// How long the server may take to answer.
const TIME_LIMIT: Duration = Duration::from_secs(3);

/// `Ok` when the server at `addr` answers `GET /health` with 200 and `ok`;
/// else what went wrong.
pub fn check(addr: SocketAddr) -> Result<(), String> {
    // A server listening on every address is asked on this computer's.
    let addr = match addr.ip().is_unspecified() {
        true => SocketAddr::from(([127, 0, 0, 1], addr.port())),
        false => addr,
    };
    let mut stream = TcpStream::connect_timeout(&addr, TIME_LIMIT).map_err(|e| format!("{addr}: {e}"))?;
    stream.set_read_timeout(Some(TIME_LIMIT)).map_err(|e| e.to_string())?;
    stream.set_write_timeout(Some(TIME_LIMIT)).map_err(|e| e.to_string())?;
    let request = "GET /health HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n";
    stream.write_all(request.as_bytes()).map_err(|e| format!("{addr}: {e}"))?;
    let mut answer = Vec::new();
    stream.take(64 * 1024).read_to_end(&mut answer).map_err(|e| format!("{addr}: {e}"))?;
    let answer = String::from_utf8_lossy(&answer);
    let status = answer.lines().next().unwrap_or("");
    let body = answer.split("\r\n\r\n").nth(1).unwrap_or("").trim();
    match (status.split_whitespace().nth(1), body) {
        (Some("200"), "ok") => Ok(()),
        _ => Err(format!("{addr} answered `{status}`")),
    }
}
