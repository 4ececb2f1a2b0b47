//! `roadmap schema`: a JSON Schema per plan file kind, for editors.

use std::fs;

use schemars::generate::SchemaSettings;
use schemars::{JsonSchema, Schema};

use crate::cli::SchemaArgs;
use crate::error::Error;
use crate::layout::Kind;
use crate::model;

use super::Ctx;

/// Draft 7 is what yaml-language-server implements.
fn draft07<T: JsonSchema>() -> Schema {
    SchemaSettings::draft07()
        .into_generator()
        .into_root_schema_for::<T>()
}

/// The schema of a file kind's YAML (for Markdown kinds, the front matter).
pub fn schema(kind: Kind) -> Schema {
    let mut schema = match kind {
        Kind::Vision => draft07::<model::Vision>(),
        Kind::Strategy => draft07::<model::Strategy>(),
        Kind::Capabilities => draft07::<model::Capabilities>(),
        Kind::Metrics => draft07::<model::Metrics>(),
        Kind::Relationships => draft07::<model::Relationships>(),
        Kind::Habits => draft07::<model::Habits>(),
        Kind::Career => draft07::<model::Career>(),
        Kind::Year => draft07::<model::YearPlan>(),
        Kind::Quarter => draft07::<model::QuarterPlan>(),
        Kind::CheckIns => draft07::<model::CheckIns>(),
        Kind::MonthReview | Kind::QuarterReview | Kind::YearReview => draft07::<model::Review>(),
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
            say!(
                "wrote {}",
                path.strip_prefix(&ctx.cwd).unwrap_or(&path).display()
            );
        }
    }
    Ok(0)
}
