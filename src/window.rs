//! Started with a double-click: on Windows, `handout.exe` opened from
//! Explorer gets a console window of its own and no arguments. It then
//! does what such a user wants: it serves the web page on this computer
//! and opens it in the default browser, and its window says, in Dutch and
//! English, what it is and how to stop it. From a terminal, no arguments
//! still prints the help.

/// Whether the program was started by a double-click: no arguments, and
/// the console it writes to is its own, not a terminal's it shares.
pub fn double_clicked() -> bool {
    std::env::args_os().len() == 1 && own_console(console_processes())
}

/// A console that only this process is attached to is one Windows made
/// for it; a terminal's has the shell attached too.
pub fn own_console(processes: Option<u32>) -> bool {
    processes == Some(1)
}

/// How many processes share the console, where the system can tell.
#[cfg(windows)]
fn console_processes() -> Option<u32> {
    let mut ids = [0u32; 4];
    // SAFETY: the buffer is valid for its length; the call only writes
    // into it and returns how many processes are attached (0 on failure).
    let n = unsafe { windows_sys::Win32::System::Console::GetConsoleProcessList(ids.as_mut_ptr(), ids.len() as u32) };
    (n > 0).then_some(n)
}

#[cfg(not(windows))]
fn console_processes() -> Option<u32> {
    None
}

/// What the window says, once the page is served at `address`.
pub fn greeting(address: &str) -> String {
    format!(
        "handout: handouts maken / making handouts\n\
         \n\
         Dit venster is handout. De webpagina gaat nu open in uw browser:\n\
         \x20   {address}\n\
         Gaat hij niet open? Typ dat adres in de browser.\n\
         Wat u invult, blijft op deze computer.\n\
         Klaar? Sluit dit venster; dan stopt handout.\n\
         \n\
         This window is handout. The web page opens in your browser now:\n\
         \x20   {address}\n\
         If it does not, type that address into the browser.\n\
         What you fill in stays on this computer.\n\
         Done? Close this window to stop handout.\n"
    )
}

/// After a problem, keep the window open until it has been read: it
/// would close with the program.
pub fn wait_for_enter() {
    eprintln!("\nDruk op Enter om dit venster te sluiten. / Press Enter to close this window.");
    let mut line = String::new();
    let _ = std::io::stdin().read_line(&mut line);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_console_of_its_own_means_a_double_click() {
        assert!(own_console(Some(1)));
        // cmd.exe or PowerShell shares its console; elsewhere none is known.
        assert!(!own_console(Some(2)));
        assert!(!own_console(None));
    }

    #[test]
    fn the_window_says_where_the_page_is_and_how_to_stop_in_both_languages() {
        let text = greeting("http://localhost:8080/");
        assert_eq!(text.matches("http://localhost:8080/").count(), 2);
        assert!(text.contains("Sluit dit venster") && text.contains("Close this window"));
    }
}
