//! Did-you-mean suggestions.

/// The candidate closest to `input`, if it is close enough to be a likely
/// typo: equal ignoring case, or within an edit distance of about a third of
/// the word. Ties go to the candidate that comes first.
pub fn did_you_mean<'a, I>(input: &str, candidates: I) -> Option<&'a str>
where
    I: IntoIterator<Item = &'a str>,
{
    let folded = input.to_lowercase();
    let len = folded.chars().count();
    let limit = (len / 3).max(1);
    let mut best: Option<(usize, &'a str)> = None;
    for candidate in candidates {
        let c = candidate.to_lowercase();
        let prefix = folded.len() >= 3 && (c.starts_with(&folded) || folded.starts_with(&c));
        // The distance is at least the difference in length, and exactly
        // that when one is a prefix of the other: no need to compute it
        // (which takes time and memory in the product of the lengths, and
        // the input may be a value of megabytes).
        let gap = len.abs_diff(c.chars().count());
        let distance = if c == folded {
            0
        } else if prefix {
            gap
        } else if gap > limit {
            continue;
        } else {
            strsim::damerau_levenshtein(&folded, &c)
        };
        let close = distance <= limit || prefix;
        if close && best.is_none_or(|(d, _)| distance < d) {
            best = Some((distance, candidate));
        }
    }
    best.map(|(_, c)| c)
}

/// `help` text for a suggestion, or a list of what is allowed.
pub fn help_for(input: &str, candidates: &[&str], what: &str) -> Option<String> {
    if let Some(s) = did_you_mean(input, candidates.iter().copied()) {
        return Some(format!("did you mean `{s}`?"));
    }
    if candidates.is_empty() {
        return None;
    }
    if candidates.len() <= 12 {
        let list: Vec<String> = candidates.iter().map(|c| format!("`{c}`")).collect();
        Some(format!("{what}: {}", list.join(", ")))
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_close_keys_only() {
        let keys = ["participants", "fewer_opportunities", "women"];
        assert_eq!(did_you_mean("participant", keys), Some("participants"));
        assert_eq!(did_you_mean("Women", keys), Some("women"));
        assert_eq!(did_you_mean("budget", keys), None);
        assert_eq!(
            did_you_mean("participantsparticipants", keys),
            Some("participants")
        );
        assert_eq!(did_you_mean("wom", keys), Some("women"));
        let long = "x".repeat(5_000_000);
        assert_eq!(did_you_mean(&long, keys), None);
    }
}
