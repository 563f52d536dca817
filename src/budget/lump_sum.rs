//! KA210 and KA220: the grant is the chosen lump sum, shown split over the
//! activities (KA210) or work packages (KA220) as the application allocates it.

use super::{Category, Ctx};
use crate::pack::Family;

pub(crate) fn compute(cx: &mut Ctx<'_>) {
    let ws = cx.ws;
    let Some(lump) = ws.budget.lump_sum.as_ref().map(|l| l.value) else {
        return;
    };
    if let Some(fig) = cx.rules.action.lump_sum.as_ref().and_then(|l| l.amounts.clone()) {
        cx.uses("lump-sum amounts", &fig);
    }
    let mut allocated = rust_decimal::Decimal::ZERO;
    match cx.rules.action.action.family {
        Family::SmallScale => {
            for a in &ws.activities {
                if let Some(g) = &a.grant {
                    let title = a.title.as_ref().map(|t| t.value.as_str()).unwrap_or_default();
                    cx.line(
                        Some(&a.id.value),
                        None,
                        Category::LumpSum,
                        format!("share of the lump sum: {title}"),
                        g.value,
                    );
                    allocated += g.value;
                }
            }
        }
        Family::Cooperation => {
            for w in &ws.work_packages {
                if let Some(g) = &w.grant {
                    let title = w.title.as_ref().map(|t| t.value.as_str()).unwrap_or_default();
                    let what = if w.is_management() {
                        "project management"
                    } else {
                        "implementation"
                    };
                    cx.line(
                        Some(&w.id.value),
                        None,
                        Category::LumpSum,
                        format!("share of the lump sum ({what}): {title}"),
                        g.value,
                    );
                    allocated += g.value;
                }
            }
        }
        _ => {}
    }
    // The grant is the lump sum: any part not (or over-) allocated shows as its own line.
    let rest = lump - allocated;
    if !rest.is_zero() {
        let what = if rest.is_sign_positive() {
            "not allocated to any activity or work package"
        } else {
            "allocated beyond the lump sum"
        };
        cx.line(None, None, Category::LumpSum, format!("lump sum {what}"), rest);
    }
}
