//! `roadmap schema`: a JSON Schema per plan file kind, and one for
//! `roadmap import`'s rules file, for editors.

use crate::cli::SchemaArgs;
use crate::error::Error;
use crate::layout::Kind;
use crate::schema::schema;

use super::{Ctx, write_generated};

pub(super) fn run(ctx: &Ctx, args: &SchemaArgs) -> Result<i32, Error> {
    let files = Kind::ALL
        .into_iter()
        .map(|kind| {
            let text = serde_json::to_string_pretty(&schema(kind))
                .map_err(|e| Error::Usage(e.to_string()))?;
            Ok((
                format!("{}.schema.json", kind.name()),
                (text + "\n").into_bytes(),
            ))
        })
        .chain(std::iter::once_with(|| {
            let text = serde_json::to_string_pretty(&crate::schema::import_rules())
                .map_err(|e| Error::Usage(e.to_string()))?;
            Ok((
                "import-rules.schema.json".to_owned(),
                (text + "\n").into_bytes(),
            ))
        }))
        .collect::<Result<Vec<_>, Error>>()?;
    write_generated(ctx, &ctx.cwd.join(&args.out), files)?;
    Ok(0)
}
