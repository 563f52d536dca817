//! Euro amounts: exact decimals, formatted for people and for data.

use rust_decimal::Decimal;

/// `29321.00`: two decimals, no separators (JSON and CSV).
pub fn plain(d: Decimal) -> String {
    let mut s = String::with_capacity(24);
    push_plain(&mut s, d);
    s
}

/// Appends [`plain`]: the same text as `format!("{:.2}", ..)` of the amount
/// rounded half away from zero, written from its integer cents (the
/// formatter of `Decimal` is slow, and budgets format thousands of amounts).
pub fn push_plain(s: &mut String, d: Decimal) {
    let (negative, units, cents) = match cents(d) {
        Some(c) => c,
        None => {
            use std::fmt::Write as _;
            let _ = write!(
                s,
                "{:.2}",
                d.round_dp_with_strategy(2, rust_decimal::RoundingStrategy::MidpointAwayFromZero)
            );
            return;
        }
    };
    if negative {
        s.push('-');
    }
    s.push_str(itoa::Buffer::new().format(units));
    s.push('.');
    s.push(char::from(b'0' + cents / 10));
    s.push(char::from(b'0' + cents % 10));
}

/// The sign, whole euros and cents of an amount rounded half away from
/// zero; `None` for the amounts whose cents do not fit in 64 bits.
fn cents(d: Decimal) -> Option<(bool, u64, u8)> {
    let r = d.round_dp_with_strategy(2, rust_decimal::RoundingStrategy::MidpointAwayFromZero);
    let m = u64::try_from(r.mantissa().unsigned_abs()).ok()?;
    let all = match r.scale() {
        0 => m.checked_mul(100)?,
        1 => m.checked_mul(10)?,
        2 => m,
        // Never after rounding to two places.
        _ => return None,
    };
    let cents = u8::try_from(all % 100).ok()?;
    Some((r.is_sign_negative(), all / 100, cents))
}

/// `EUR 29 321.00`: two decimals, thin groups of three, for people.
pub fn format_eur(d: Decimal) -> String {
    let mut s = String::with_capacity(24);
    push_eur(&mut s, d);
    s
}

/// Appends [`format_eur`] to `s`, right-aligned in `width` characters as
/// `{:>width$}` aligns it: the amount is written in place and the padding
/// put before it (the amount is ASCII, so its length is its width).
pub fn push_eur_right(s: &mut String, d: Decimal, width: usize) {
    let start = s.len();
    push_eur(s, d);
    let len = s.len() - start;
    if len < width {
        s.insert_str(start, &" ".repeat(width - len));
    }
}

/// Appends [`format_eur`] to `s`.
pub fn push_eur(s: &mut String, d: Decimal) {
    if d.is_sign_negative() && !d.is_zero() {
        s.push('-');
    }
    s.push_str("EUR ");
    match cents(d.abs()) {
        Some((_, units, cents)) => {
            crate::text::push_grouped(s, units);
            s.push('.');
            s.push(char::from(b'0' + cents / 10));
            s.push(char::from(b'0' + cents % 10));
        }
        None => {
            let digits = plain(d.abs());
            let (int, frac) = digits.split_once('.').unwrap_or((&digits, "00"));
            for (i, ch) in int.char_indices() {
                if i > 0 && (int.len() - i) % 3 == 0 {
                    s.push(' ');
                }
                s.push(ch);
            }
            s.push('.');
            s.push_str(frac);
        }
    }
}

/// Any `Decimal` for property tests of the money and distance writers:
/// every sign and scale, with mantissas of one, two or three words and
/// small ones (under 1 000), where scale and padding matter most.
#[cfg(test)]
pub(crate) fn any_decimal() -> impl proptest::strategy::Strategy<Value = Decimal> {
    use proptest::prelude::*;
    (
        any::<u32>(),
        any::<u32>(),
        any::<u32>(),
        any::<bool>(),
        0u32..=28,
        0u32..4,
    )
        .prop_map(|(lo, mid, hi, negative, scale, size)| {
            let (mid, hi) = match size {
                0 => (0, 0),
                1 => (mid, 0),
                _ => (mid, hi),
            };
            let lo = if size == 3 { lo % 1000 } else { lo };
            Decimal::from_parts(lo, mid, hi, negative, scale)
        })
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
        assert_eq!(format_eur(Decimal::new(-1_234_567_891, 3)), "-EUR 1 234 567.89");
        assert_eq!(format_eur(Decimal::new(-1, 3)), "-EUR 0.00");
        assert_eq!(
            plain(Decimal::new(-1, 3)),
            format!("{:.2}", Decimal::new(-1, 3).round_dp(2))
        );
        assert_eq!(plain(Decimal::new(-1, 2)), "-0.01");
        assert_eq!(plain(Decimal::new(5, 3)), "0.01");
        assert_eq!(plain(Decimal::MAX), "79228162514264337593543950335.00");
        assert_eq!(plain(Decimal::MIN), "-79228162514264337593543950335.00");
    }

    /// Right-aligned amounts are padded as `format!` pads them.
    #[test]
    fn right_aligned_as_format_aligns() {
        for d in [
            Decimal::ZERO,
            Decimal::new(-1, 3),
            Decimal::new(-1, 2),
            Decimal::new(99_999, 2),
            Decimal::new(100_000, 2),
            Decimal::new(2_932_150, 2),
            Decimal::new(-123_456_789_012, 2),
            Decimal::MAX,
        ] {
            for width in [0, 8, 14, 40] {
                let mut s = String::from("|");
                push_eur_right(&mut s, d, width);
                assert_eq!(s, format!("|{:>width$}", format_eur(d)), "{d} in {width}");
            }
        }
    }

    /// The written amounts are exactly what the `Decimal` formatter gives:
    /// any mantissa, scale and sign, negative zero included.
    #[test]
    fn same_text_as_the_decimal_formatter() {
        use proptest::prelude::*;
        let reference = |d: Decimal| {
            format!(
                "{:.2}",
                d.round_dp_with_strategy(2, rust_decimal::RoundingStrategy::MidpointAwayFromZero)
            )
        };
        let reference_eur = |d: Decimal| {
            let s = reference(d.abs());
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
        };
        let mut runner = proptest::test_runner::TestRunner::new(ProptestConfig::with_cases(20_000));
        runner
            .run(&any_decimal(), |d| {
                prop_assert_eq!(plain(d), reference(d));
                prop_assert_eq!(format_eur(d), reference_eur(d));
                Ok(())
            })
            .unwrap();
    }
}
