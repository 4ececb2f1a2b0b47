//! `roadmap schema`: a JSON Schema per plan file kind, for editors.

use std::fs;

use crate::cli::SchemaArgs;
use crate::error::Error;
use crate::layout::Kind;
use crate::schema::schema;

use super::Ctx;

pub fn run(ctx: &Ctx, args: &SchemaArgs) -> Result<i32, Error> {
    let out = ctx.cwd.join(&args.out);
    fs::create_dir_all(&out).map_err(|e| Error::io(out.display().to_string(), e))?;
    for kind in Kind::ALL {
        let path = out.join(format!("{}.schema.json", kind.name()));
        let text = serde_json::to_string_pretty(&schema(kind))
            .map_err(|e| Error::Usage(e.to_string()))?
            + "\n";
        fs::write(&path, text).map_err(|e| Error::io(path.display().to_string(), e))?;
        if !ctx.quiet {
            say!(
                "wrote {}",
                path.strip_prefix(&ctx.cwd).unwrap_or(&path).display()
            );
        }
    }
    Ok(0)
}
