//! Amounts in the forms exports write them: `$1,234.50`, `1.234,50 €`,
//! `USD 1,234`, `(1,200)` for a negative, `45%`, a blank for "none".
//!
//! The plan's own reader (`value::Amount`) takes what a person types into
//! a plan file (`5.9M`, `850k`); an export's cells are another language,
//! with currency symbols on either side, either decimal mark and
//! accountants' parentheses, so they get their own parser here.

use super::rules::DecimalMark;

/// An amount read from a cell, with the currency written beside it.
#[derive(Debug, Clone, PartialEq)]
pub struct Money {
    pub value: f64,
    /// `USD`, `EUR`, ... as the cell wrote it (a symbol is named by its
    /// code); `None` when the cell shows none.
    pub currency: Option<String>,
}

const SYMBOLS: [(&str, &str); 8] = [
    ("US$", "USD"),
    ("$", "USD"),
    ("€", "EUR"),
    ("£", "GBP"),
    ("¥", "JPY"),
    ("₹", "INR"),
    ("CHF", "CHF"),
    ("kr", "SEK"),
];

/// Reads a cell. `Ok(None)` for a blank (or `-`, `—`): no amount.
pub fn parse(cell: &str, decimal: DecimalMark) -> Result<Option<Money>, String> {
    let mut text = cell.trim();
    if text.is_empty() || ["-", "—", "–", "n/a", "N/A"].contains(&text) {
        return Ok(None);
    }
    let bad = || {
        let example = match decimal {
            DecimalMark::Point => "`1234.50`, `$1,234.50`, `(1,200)` or `USD 1,234`",
            DecimalMark::Comma => "`1234,50`, `1.234,50 €` or `(1.200)`",
        };
        format!("`{}` is not an amount (write {example})", cell.trim())
    };
    let mut negative = false;
    let mut currency = None;
    // A sign, a currency and the number, in whichever order the export
    // writes them: `-$1,200`, `$-1,200`, `1.200,00 €`, `EUR 1.200`.
    loop {
        let before = text;
        if let Some(inner) = text.strip_prefix('(').and_then(|t| t.strip_suffix(')')) {
            if negative {
                return Err(bad());
            }
            negative = true;
            text = inner.trim();
        }
        if let Some(rest) = text.strip_prefix('-').or_else(|| text.strip_suffix('-')) {
            if negative {
                return Err(bad());
            }
            negative = true;
            text = rest.trim();
        }
        if let Some(rest) = text.strip_suffix('%') {
            text = rest.trim();
        }
        if let Some((rest, code)) = strip_currency(text) {
            if currency.is_some() {
                return Err(bad());
            }
            currency = Some(code);
            text = rest.trim();
        }
        if text == before {
            break;
        }
    }
    let (group, mark) = match decimal {
        DecimalMark::Point => (',', '.'),
        DecimalMark::Comma => ('.', ','),
    };
    let mut number = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '0'..='9' => number.push(c),
            c if c == mark => number.push('.'),
            c if c == group || c == ' ' || c == '\u{a0}' || c == '\u{202f}' || c == '\'' => {}
            _ => return Err(bad()),
        }
    }
    if !number.starts_with(|c: char| c.is_ascii_digit() || c == '.') {
        return Err(bad());
    }
    let value: f64 = number.parse().map_err(|_| bad())?;
    if !value.is_finite() {
        return Err(bad());
    }
    Ok(Some(Money {
        value: if negative { -value } else { value },
        currency,
    }))
}

/// `text` less a currency symbol or code at either end, and its code.
fn strip_currency(text: &str) -> Option<(&str, String)> {
    for (symbol, code) in SYMBOLS {
        if let Some(rest) = text
            .strip_prefix(symbol)
            .or_else(|| text.strip_suffix(symbol))
        {
            return Some((rest, code.to_owned()));
        }
    }
    let code = |s: &str| s.len() == 3 && s.chars().all(|c| c.is_ascii_uppercase());
    if let Some((head, rest)) = text.split_once(' ')
        && code(head)
    {
        return Some((rest, head.to_owned()));
    }
    if let Some((rest, tail)) = text.rsplit_once(' ')
        && code(tail)
    {
        return Some((rest, tail.to_owned()));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn point(cell: &str) -> Option<(f64, Option<String>)> {
        parse(cell, DecimalMark::Point)
            .expect("parses")
            .map(|m| (m.value, m.currency))
    }

    #[test]
    fn the_forms_exports_write() {
        assert_eq!(point("$1,234.50"), Some((1234.5, Some("USD".into()))));
        assert_eq!(point("(1,200)"), Some((-1200.0, None)));
        assert_eq!(point("($1,200)"), Some((-1200.0, Some("USD".into()))));
        assert_eq!(point("-$1,200.00"), Some((-1200.0, Some("USD".into()))));
        assert_eq!(point("USD 98,000"), Some((98000.0, Some("USD".into()))));
        assert_eq!(point("12500"), Some((12500.0, None)));
        assert_eq!(point("45%"), Some((45.0, None)));
        assert_eq!(point("  "), None);
        let euro = parse("1.234,50 €", DecimalMark::Comma).expect("parses");
        assert_eq!(
            euro,
            Some(Money {
                value: 1234.5,
                currency: Some("EUR".into())
            })
        );
    }

    #[test]
    fn text_is_not_an_amount() {
        let err = parse("TBD", DecimalMark::Point).expect_err("text");
        assert!(err.starts_with("`TBD` is not an amount"), "{err}");
        assert!(parse("1,234.5.6", DecimalMark::Point).is_err());
    }
}
