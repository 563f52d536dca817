//! The `coopcom` command: parses arguments, runs the library, exits with its status.

fn main() {
    std::process::exit(coopcom::run(std::env::args_os()));
}
