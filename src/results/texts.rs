//! The author's own texts of the final report: `narrative/report/<key>.md`.
//! Each is optional; where one exists the final report shows it under its
//! heading and the results summary takes it in, and where it does not the
//! summary is written from the data alone.
//!
//! What they answer follows the Programme Guide 2026: projects share "the
//! project results (outputs and outcomes) ... what knowledge and skills were
//! gained" and promote them via the Erasmus+ Project Results Platform
//! (p. 13-14), and beneficiaries "monitor and evaluate the success of their
//! communication activities, both qualitatively and quantitatively" (p. 13);
//! a partnership's final report is assessed on "the detailed descriptions of
//! each activity carried out, quantitative and qualitative information
//! showing the level of achievement of the project objectives ... and the
//! quality of project results uploaded in the Erasmus+ Project Results
//! Platform" (p. 243).
//! The Guide sets no character limit for these texts and coopcom sets none.

use serde::Serialize;

use crate::workspace::{Narrative, Workspace};

/// The folder under `narrative/` that holds the final report's texts.
pub const SECTION: &str = "report";

/// One text the final report asks: its file key, heading and question.
pub struct Asked {
    pub key: &'static str,
    pub title: &'static str,
    pub question: &'static str,
}

/// The texts of the final report, in the order the report and the summary
/// show them.
pub const ASKED: &[Asked] = &[
    Asked {
        key: "summary",
        title: "Summary",
        question: "What was the project about, and why? The opening words of the results summary.",
    },
    Asked {
        key: "activities",
        title: "How the activities went",
        question: "What happened at each activity, and what changed from the plan?",
    },
    Asked {
        key: "results",
        title: "Results",
        question: "What did the project produce, and what knowledge and skills did the participants gain?",
    },
    Asked {
        key: "impact",
        title: "Impact",
        question: "What difference did it make to the participants, the organisations and their communities?",
    },
    Asked {
        key: "dissemination",
        title: "Sharing the results",
        question: "How were the results shared, with whom, and where can they be found?",
    },
    Asked {
        key: "follow-up",
        title: "What comes next",
        question: "What continues after the project: the network, new projects, the use of the results?",
    },
];

/// One text of the final report as the outputs show it.
#[derive(Debug, Serialize)]
pub struct ReportText {
    pub key: String,
    pub title: String,
    pub question: String,
    /// `narrative/report/<key>.md`.
    pub path: String,
    /// The Markdown as the draft shows it (author notes removed); empty
    /// when the file does not exist.
    pub markdown: String,
    /// The plain text, as pasted; empty when the file does not exist.
    pub plain: String,
    /// Characters of the plain text, as a web form counts them.
    pub chars: usize,
    pub present: bool,
}

/// A narrative file of the final report (`narrative/report/<field>.md`).
pub fn is_report_text(n: &Narrative) -> bool {
    n.section == SECTION && n.entity.is_none()
}

/// Every text the final report asks, written or not, in order.
pub fn collect(ws: &Workspace) -> Vec<ReportText> {
    ASKED
        .iter()
        .map(|q| {
            let n = ws
                .narratives
                .iter()
                .find(|n| is_report_text(n) && n.lang.is_none() && n.field == q.key);
            let plain = n.map(|n| ws.plain(n).to_string()).unwrap_or_default();
            ReportText {
                key: q.key.to_string(),
                title: q.title.to_string(),
                question: q.question.to_string(),
                path: format!("narrative/{SECTION}/{}.md", q.key),
                markdown: n
                    .map(|n| crate::view::draft_markdown(ws.text(n.file)))
                    .unwrap_or_default(),
                chars: crate::text::count(&plain),
                present: n.is_some_and(|_| !plain.trim().is_empty()),
                plain,
            }
        })
        .collect()
}
