//! The example plan and the templates are compiled into the binary; a file
//! added to either folder must rebuild it, which `include_dir!` alone does
//! not notice.

fn main() {
    println!("cargo:rerun-if-changed=plans");
    println!("cargo:rerun-if-changed=templates");
}
