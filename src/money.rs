//! Euro amounts: exact decimals, formatted for people and for data.

use rust_decimal::Decimal;

/// `29321.00`: two decimals, no separators (JSON and CSV).
pub fn plain(d: Decimal) -> String {
    format!(
        "{:.2}",
        d.round_dp_with_strategy(2, rust_decimal::RoundingStrategy::MidpointAwayFromZero)
    )
}

/// `EUR 29 321.00`: two decimals, thin groups of three, for people.
pub fn format_eur(d: Decimal) -> String {
    let s = plain(d.abs());
    let (int, frac) = s.split_once('.').unwrap_or((&s, "00"));
    let mut grouped = String::new();
    for (i, ch) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push(' ');
        }
        grouped.push(ch);
    }
    let sign = if d.is_sign_negative() && !d.is_zero() {
        "-"
    } else {
        ""
    };
    format!("{sign}EUR {grouped}.{frac}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats() {
        assert_eq!(plain(Decimal::new(2932100, 2)), "29321.00");
        assert_eq!(format_eur(Decimal::new(2932150, 2)), "EUR 29 321.50");
        assert_eq!(format_eur(Decimal::from(680)), "EUR 680.00");
        assert_eq!(format_eur(Decimal::from(1_234_567)), "EUR 1 234 567.00");
    }
}
