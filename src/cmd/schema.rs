//! `roadmap schema`: a JSON Schema per plan file kind, for editors.

use std::fs;

use schemars::{Schema, schema_for};

use crate::cli::SchemaArgs;
use crate::error::Error;
use crate::layout::Kind;
use crate::model;

use super::Ctx;

/// The schema of a file kind's YAML (for Markdown kinds, the front matter).
pub fn schema(kind: Kind) -> Schema {
    let mut schema = match kind {
        Kind::Vision => schema_for!(model::Vision),
        Kind::Strategy => schema_for!(model::Strategy),
        Kind::Capabilities => schema_for!(model::Capabilities),
        Kind::Metrics => schema_for!(model::Metrics),
        Kind::Relationships => schema_for!(model::Relationships),
        Kind::Habits => schema_for!(model::Habits),
        Kind::Career => schema_for!(model::Career),
        Kind::Year => schema_for!(model::YearPlan),
        Kind::Quarter => schema_for!(model::QuarterPlan),
        Kind::CheckIns => schema_for!(model::CheckIns),
        Kind::MonthReview | Kind::QuarterReview | Kind::YearReview => schema_for!(model::Review),
    };
    schema.insert(
        "title".to_owned(),
        format!("roadmap {} file ({})", kind.name(), kind.pattern()).into(),
    );
    schema
}

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
            println!(
                "wrote {}",
                path.strip_prefix(&ctx.cwd).unwrap_or(&path).display()
            );
        }
    }
    Ok(0)
}
