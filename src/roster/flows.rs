//! Writes the counts of a participant list into the flows of an activity's
//! results file, changing only the people fields of each flow: every other
//! key, the comments and the layout stay as the team wrote them.

use anyhow::{Context, Result, bail};
use toml_edit::{Array, ArrayOfTables, DocumentMut, Item, Table, Value};

use super::{Counts, Known};

/// The keys of a flow that a participant list gives; nothing else of a
/// flow is touched.
pub const PEOPLE_KEYS: &[&str] = &[
    "participants",
    "women",
    "fewer_opportunities",
    "group_leaders",
    "facilitators",
    "accompanying",
    "ages",
    "leader_ages",
    "facilitator_ages",
    "accompanying_ages",
];

/// What the update did beside setting the counts.
#[derive(Debug, Default)]
pub struct Changes {
    /// Organisations of the list without a flow: a flow was added for each.
    pub added: Vec<String>,
    /// Flows of the activity whose organisation nobody in the list came
    /// from: left as they were.
    pub untouched: Vec<String>,
}

/// The sending partners that have more than one flow in `text`: the list
/// cannot tell in which of them a person travelled.
pub fn split_flows(text: &str, counts: &[Counts]) -> Result<Vec<String>> {
    let doc: DocumentMut = text.parse()?;
    let mut out = Vec::new();
    for c in counts {
        let n = flows(&doc).map_or(0, |f| f.iter().filter(|t| from(t) == Some(&c.from)).count());
        if n > 1 {
            out.push(c.from.clone());
        }
    }
    Ok(out)
}

fn flows(doc: &DocumentMut) -> Option<&ArrayOfTables> {
    doc.get("flows").and_then(Item::as_array_of_tables)
}

fn from(t: &Table) -> Option<&String> {
    t.get("from").and_then(Item::as_value).and_then(|v| match v {
        Value::String(s) => Some(s.value()),
        _ => None,
    })
}

/// `text` (an activity file) with the people of its flows set from
/// `counts`; `name` is the file's name for messages.
pub fn update(name: &str, text: &str, counts: &[Counts], known: Known) -> Result<(String, Changes)> {
    let mut doc: DocumentMut = text.parse().with_context(|| {
        format!("{name} is not valid TOML: `coopcom check` shows where; fix it, then import again")
    })?;
    if doc.get("flows").is_some_and(|f| !f.is_array_of_tables()) {
        bail!(
            "{name}: `flows` is not written as [[flows]] tables; write each flow as a [[flows]] table, then import again"
        );
    }
    if doc.get("flows").is_none() {
        doc.insert("flows", Item::ArrayOfTables(ArrayOfTables::new()));
    }
    let Some(list) = doc.get_mut("flows").and_then(Item::as_array_of_tables_mut) else {
        bail!("{name}: no [[flows]] to write into");
    };
    let mut changes = Changes::default();
    for t in list.iter() {
        if let Some(f) = from(t)
            && !counts.iter().any(|c| &c.from == f)
        {
            changes.untouched.push(f.clone());
        }
    }
    for c in counts {
        if let Some(t) = list.iter_mut().find(|t| from(t) == Some(&c.from)) {
            set_people(t, c, known);
        } else {
            {
                let mut t = Table::new();
                t.insert("from", toml_edit::value(c.from.as_str()));
                set_people(&mut t, c, known);
                t.decor_mut().set_prefix(format!(
                    "\n# From the participant list: \"{}\" has no planned flow. Give its travel_days\n# (and an origin or distance_km if it does not leave from its own city).\n",
                    c.from
                ));
                list.push(t);
                changes.added.push(c.from.clone());
            }
        }
    }
    Ok((doc.to_string(), changes))
}

fn set_people(t: &mut Table, c: &Counts, known: Known) {
    let before: Vec<String> = t.iter().map(|(k, _)| k.to_string()).collect();
    let count = |n: u32| Some(Value::from(i64::from(n)));
    let some = |n: u32| (n > 0).then(|| Value::from(i64::from(n)));
    let list = |v: &[u32]| {
        (known.ages && !v.is_empty())
            .then(|| Value::Array(v.iter().map(|a| i64::from(*a)).collect::<Array>()))
    };
    set(t, "participants", count(c.participants));
    set(t, "women", if known.gender { count(c.women) } else { None });
    set(
        t,
        "fewer_opportunities",
        if known.fewer_opportunities {
            count(c.fewer_opportunities)
        } else {
            None
        },
    );
    set(t, "group_leaders", some(c.group_leaders));
    set(t, "facilitators", some(c.facilitators));
    set(t, "accompanying", some(c.accompanying));
    let ages = c
        .ages
        .filter(|_| known.ages)
        .map(|(lo, hi)| Value::Array([i64::from(lo), i64::from(hi)].into_iter().collect::<Array>()));
    set(t, "ages", ages);
    set(t, "leader_ages", list(&c.leader_ages));
    set(t, "facilitator_ages", list(&c.facilitator_ages));
    set(t, "accompanying_ages", list(&c.accompanying_ages));
    place_new_keys(t, &before);
}

/// Moves the people keys the list added next to the flow's other people
/// keys (after the closest one before them in [`PEOPLE_KEYS`], else after
/// `from`) instead of at the end of the table; the keys that were there
/// keep their order.
fn place_new_keys(t: &mut Table, before: &[String]) {
    let canon = |k: &str| PEOPLE_KEYS.iter().position(|p| *p == k);
    let rank = |k: &str| -> usize {
        if let Some(i) = before.iter().position(|b| b == k) {
            return i * 100;
        }
        let Some(c) = canon(k) else {
            return usize::MAX;
        };
        let anchor = PEOPLE_KEYS
            .get(..c)
            .unwrap_or_default()
            .iter()
            .rev()
            .find_map(|p| before.iter().position(|b| b == p))
            .or_else(|| before.iter().position(|b| b == "from"))
            .unwrap_or(0);
        anchor * 100 + 1 + c
    };
    t.sort_values_by(|k1, _, k2, _| rank(k1.get()).cmp(&rank(k2.get())));
}

/// Sets `key` to `value`, keeping the comment and spacing around an
/// existing value; `None` removes the key.
fn set(t: &mut Table, key: &str, value: Option<Value>) {
    match value {
        None => {
            t.remove(key);
        }
        Some(mut v) => match t.get_mut(key).and_then(Item::as_value_mut) {
            Some(old) => {
                *v.decor_mut() = old.decor().clone();
                *old = v;
            }
            None => {
                t.insert(key, Item::Value(v));
            }
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_people_change_and_comments_stay() {
        let text = "# As it took place\ntitle = \"x\"\n\n[[flows]]\nfrom = \"lyon\"  # the applicant\nparticipants = 10   # young people\nwomen = 5\ntravel_days = 2 # green\n\n[[flows]]\nfrom = \"valencia\"\nparticipants = 8\n";
        let c = Counts {
            from: "lyon".into(),
            participants: 3,
            women: 2,
            group_leaders: 1,
            ages: Some((16, 19)),
            leader_ages: vec![34],
            ..Counts::default()
        };
        let known = Known {
            gender: true,
            fewer_opportunities: false,
            ages: true,
            role: true,
        };
        let (out, changes) = update("a.toml", text, &[c], known).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            out,
            "# As it took place\ntitle = \"x\"\n\n[[flows]]\nfrom = \"lyon\"  # the applicant\nparticipants = 3   # young people\nwomen = 2\ngroup_leaders = 1\nages = [16, 19]\nleader_ages = [34]\ntravel_days = 2 # green\n\n[[flows]]\nfrom = \"valencia\"\nparticipants = 8\n"
        );
        assert_eq!(changes.untouched, vec!["valencia".to_string()]);
    }
}
