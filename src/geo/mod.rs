//! TEMPORARY: replaced by the gazetteer module.
pub fn canonical_country(code: &str) -> Option<&'static str> {
    const C: &[&str] = &["AT","BE","BG","HR","CY","CZ","DK","EE","FI","FR","DE","GR","HU","IE","IT","LV","LT","LU","MT","NL","PL","PT","RO","SK","SI","ES","SE","IS","LI","NO","MK","RS","TR","AL","BA","XK","ME","AM","AZ","BY","GE","MD","UA","DZ","EG","IL","JO","LB","LY","MA","PS","SY","TN","RU","GB","CH"];
    let up = code.trim().to_uppercase();
    let up = match up.as_str() { "EL" => "GR".to_string(), "UK" => "GB".to_string(), _ => up };
    C.iter().copied().find(|c| *c == up)
}
pub fn suggest_country(_: &str) -> Option<&'static str> { None }
