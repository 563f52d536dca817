//! The form of each action as the rule pack gives it (`coopcom rules
//! --format json`), compared field by field with the team's reference of the
//! 2026 forms (`eform-questions.md`): the sections in the form's order, the
//! fields of each, the questions verbatim, whom each is asked of, and the
//! status of each field. Every expected value below is copied by hand from
//! the reference, not read from the pack.

use serde_json::Value;

use crate::support::*;

/// One expected section: key, title, scope, and its fields as
/// `(key, status, question)`.
type Section = (
    &'static str,
    &'static str,
    &'static str,
    &'static [(&'static str, &'static str, &'static str)],
);

fn form_of(action: &str) -> Value {
    let run = coopcom(["rules", "--action", action, "--call", "2026", "--format", "json"]);
    run.expect_status(0);
    let v: Value = serde_json::from_str(&run.stdout).unwrap();
    v["action"]["form"].clone()
}

#[track_caller]
fn matches_reference(action: &str, expected: &[Section]) {
    let form = form_of(action);
    let sections = form["sections"].as_array().unwrap();
    let keys: Vec<&str> = sections.iter().map(|s| s["key"].as_str().unwrap()).collect();
    let want: Vec<&str> = expected.iter().map(|s| s.0).collect();
    assert_eq!(keys, want, "{action}: the sections and their order");
    for (s, (key, title, scope, fields)) in sections.iter().zip(expected) {
        assert_eq!(s["title"], *title, "{action} {key}: title");
        assert_eq!(
            s["scope"].as_str().unwrap_or("project"),
            *scope,
            "{action} {key}: scope"
        );
        let got: Vec<(&str, &str, &str)> = s["fields"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| {
                (
                    f["key"].as_str().unwrap(),
                    f["status"].as_str().unwrap_or("(none)"),
                    f["question"].as_str().unwrap(),
                )
            })
            .collect();
        assert_eq!(
            got.len(),
            fields.len(),
            "{action} {key}: number of fields: {got:#?}"
        );
        for (g, w) in got.iter().zip(fields.iter()) {
            assert_eq!(g, w, "{action} {key}: field");
        }
        // Every field says where it comes from.
        for f in s["fields"].as_array().unwrap() {
            let source = f["source"].as_str().unwrap_or_default();
            assert!(
                source.starts_with("https://") || source.contains("repository not identified"),
                "{action} {key}/{}: source {source:?}",
                f["key"]
            );
        }
    }
}

// Reference sources (section 0): VF and MC repositories.
const VF_Q: &str = "What do you want to achieve by implementing the project? What are the objectives of your project? Please specify from the perspective of youth work practice.";
const ACTIVITIES_Q: &str =
    "What activities do you plan to implement? What is the number and profile of the participants involved?";
const RESULTS_Q: &str = "What results and impact do you expect your project to have?";
const PRESENT_Q: &str = "Please briefly present your organisation/the group";
const EXPERIENCE_Q: &str = "What are the activities and experience of the organisation in youth work? Please provide information on your organisation's / group's regular youth work activities. Please give information on the key staff/persons involved in this application and on the competences and previous experience that they will bring to the project.";
const MEMBERS_Q: &str =
    "Please describe the profile of each of the group members and what does each one bring to the project.";
const CONTRIB_Q: &str = "Are you planning to ask for any contributions from participants?";
const EXPENSES_Q: &str = "Description and justification of expenses";
const SAFETY_Q: &str =
    "What measures will you put in place to ensure the safety and protection of participants?";
const RECOGNITION_Q: &str = "How will you support participants to be aware of what they have learned and which competences they have developed or improved? Please remember to include the methods that support reflection and documentation of the learning outcomes in the daily timetable of each activity.";
const YOUTHPASS_Q: &str = "The Erasmus Programme promotes the use of instruments/certificates like Youthpass or Europass, to validate the competences acquired by the participants during their experiences abroad. Will your project make use of such European instruments/certificates? Which one(s)?";
const NATIONAL_Q: &str =
    "Are you planning to use any national instrument/certificate? If so, please describe which one.";
const FEWER_Q: &str =
    "Are participants involved in activities facing challenges that hinder their participation?";
const OUTREACH_Q: &str = "How will you reach out to these participants?";
const CHALLENGES_Q: &str = "What type of challenges are these participants facing?";
const MEASURES_Q: &str = "What specific measures (e.g., accompanying persons, reinforced mentorship, accessibility measures) will you implement to support their participation?";
const VIRTUAL_Q: &str = "Do you foresee Virtual/Blended activities and/or the use of any virtual component, before, during or after the activity? If yes, please describe them.";
const ENVIRONMENT_Q: &str = "Will you include sustainable and environmental-friendly practices in your activities? Please describe them and mention how will you raise the awareness of participants on these sustainable practices?";
const MANAGE_Q: &str = "How will you manage the project (agreements with partners etc.) and make sure that it is done in line with the Erasmus Youth Quality Standards? You will find the quality standards further down in the application form.";
const LOGISTICS_Q: &str = "How will you organise the practical and logistical part of the project (e.g. travel, accommodation, insurance, visa, social security, mentoring and support, preparatory meetings with partners etc.)?";
const PARTNERS_Q: &str = "How and why did you choose your project partners? What experiences and competences will they bring to the project?";
const COMMUNICATE_Q: &str = "How will you communicate with them?";
const MONITOR_Q: &str = "How will you monitor and coordinate their contribution?";
const ACTORS_Q: &str = "Which other actors (organisations or individuals) will be involved and how?";
const EVALUATION_Q: &str = "How will you evaluate your project's success? Which activities will you carry out in order to assess whether, and to what extent, your project has reached its objectives and results?";
const SUSTAIN_Q: &str =
    "What will you do to make sure that your project continues to have effects also after it ends?";
const RESULTS_USE_Q: &str = "Are you planning measures to make sure that the results produced are used and beneficial to others beyond the project's lifetime? If yes, which ones?";
const DISSEMINATION_Q: &str = "How will you make your project visible outside your organisation and partner organisations? How will you share its results and success? With whom will you share the results?";
const INVOLVE_Q: &str = "How will you involve participants in such activities?";

#[test]
fn ka152_form_matches_the_reference() {
    matches_reference(
        "KA152-YOU",
        &[
            (
                "summary",
                "Project summary",
                "project",
                &[
                    ("objectives", "secondary", VF_Q),
                    ("activities", "secondary", ACTIVITIES_Q),
                    ("results", "secondary", RESULTS_Q),
                ],
            ),
            (
                "organisations",
                "Participating organisations",
                "organisation",
                &[
                    ("presentation", "secondary", PRESENT_Q),
                    ("experience", "secondary", EXPERIENCE_Q),
                    ("group-members", "secondary", MEMBERS_Q),
                ],
            ),
            (
                "rationale",
                "Project rationale",
                "project",
                &[
                    (
                        "needs",
                        "secondary",
                        "Why do you want to carry out this project? Please describe the issues and needs you want to address and your project's objectives.",
                    ),
                    (
                        "erasmus-objectives",
                        "secondary",
                        "How does your project link to the objectives of the Erasmus programme and those of Youth Exchanges?",
                    ),
                    (
                        "benefit-participants",
                        "secondary",
                        "How will your project benefit the young participants involved in the project, during and after the project lifetime?",
                    ),
                    (
                        "benefit-organisations",
                        "secondary",
                        "How will your project benefit the organisations or the groups of young people implementing the project, during and after the project lifetime?",
                    ),
                    (
                        "impact",
                        "secondary",
                        "What would be the impact of your project beyond the participants and participating organisations, at local, regional, national, if any European level?",
                    ),
                ],
            ),
            (
                "details",
                "Project details",
                "project",
                &[
                    // VF and MC disagree ("charge participation fees").
                    ("contributions", "unconfirmed", CONTRIB_Q),
                ],
            ),
            (
                "youth-exchange",
                "Activity description",
                "activity",
                &[
                    (
                        "background",
                        "secondary",
                        "Please describe the background of the participants in each participating group and how each group was formed. Please also provide information on the group leaders, the age of the participants and how country balance is ensured. If necessary, explain how the gender balance is respected.",
                    ),
                    (
                        "role",
                        "secondary",
                        "Please describe the role and involvement of the participants from each participating group in all phases (planning before submitting application, preparation, implementation of activities and follow-up).",
                    ),
                    (
                        "learning",
                        "secondary",
                        "What will the participants learn about the chosen topic of the activity? Which learning outcomes or competences (i.e. knowledge, skills and attitudes/behaviours) are to be acquired/improved by participants in the activity?",
                    ),
                    (
                        "elements",
                        "secondary",
                        "What are the basic elements of the activity? Please describe at the very least the venue(s), non formal learning methods used, aims of the session etc.",
                    ),
                    (
                        "cooperation",
                        "secondary",
                        "How will the groups of participants cooperate and communicate between them to prepare and follow-up on the Youth Exchange?",
                    ),
                ],
            ),
            (
                "preparatory-visit",
                "Preparatory visit",
                "activity",
                &[
                    // The wording of the 'why' field was not captured (section 9).
                    (
                        "why",
                        "unconfirmed",
                        "Why do you want to carry out a Preparatory Visit?",
                    ),
                    (
                        "who",
                        "secondary",
                        "Please describe who will take part in the Preparatory Visit.",
                    ),
                ],
            ),
            ("flows", "Flows", "flow", &[("expenses", "secondary", EXPENSES_Q)]),
            (
                "design",
                "Project design",
                "project",
                &[
                    (
                        "preparation",
                        "secondary",
                        "How will you prepare the participants before the start of the activity (e.g. intercultural, linguistic, risk-prevention etc.) and how will you support them during and after the activity?",
                    ),
                    ("safety", "secondary", SAFETY_Q),
                    (
                        "follow-up",
                        "secondary",
                        "What activities are foreseen after the end of the Youth Exchange? How will the participants follow-up on the activity?",
                    ),
                    ("recognition", "secondary", RECOGNITION_Q),
                    ("youthpass", "secondary", YOUTHPASS_Q),
                    ("national-certificate", "secondary", NATIONAL_Q),
                    ("fewer-opportunities", "unconfirmed", FEWER_Q),
                    ("outreach", "secondary", OUTREACH_Q),
                    ("challenges", "unconfirmed", CHALLENGES_Q),
                    ("measures", "unconfirmed", MEASURES_Q),
                    ("virtual", "secondary", VIRTUAL_Q),
                    ("environment", "secondary", ENVIRONMENT_Q),
                ],
            ),
            (
                "management",
                "Project management",
                "project",
                &[
                    ("project-management", "secondary", MANAGE_Q),
                    ("logistics", "secondary", LOGISTICS_Q),
                    ("partners", "secondary", PARTNERS_Q),
                    ("communication", "secondary", COMMUNICATE_Q),
                    ("monitoring", "secondary", MONITOR_Q),
                    ("other-actors", "secondary", ACTORS_Q),
                    ("evaluation", "secondary", EVALUATION_Q),
                    ("sustainability", "secondary", SUSTAIN_Q),
                    ("results-use", "secondary", RESULTS_USE_Q),
                    ("dissemination", "secondary", DISSEMINATION_Q),
                    ("involvement", "secondary", INVOLVE_Q),
                ],
            ),
        ],
    );
    // The partner wording of the experience question (VF #9).
    let form = form_of("KA152-YOU");
    assert_eq!(
        form["sections"][1]["fields"][1]["partner_question"],
        "What are the activities and experience of the partner organisation in youth work?"
    );
    // The sources disagree: the pack keeps the other wording in the note.
    let contributions = &form["sections"][3]["fields"][0];
    assert!(
        contributions["note"]
            .as_str()
            .unwrap()
            .contains("Are you planning to charge participation fees ?"),
        "{contributions}"
    );
}

#[test]
fn ka153_form_matches_the_reference() {
    matches_reference(
        "KA153-YOU",
        &[
            (
                "summary",
                "Project summary",
                "project",
                &[
                    ("objectives", "secondary", VF_Q),
                    ("activities", "secondary", ACTIVITIES_Q),
                    ("results", "secondary", RESULTS_Q),
                ],
            ),
            // Not found for KA153 (section 9): the KA152 questions, unconfirmed.
            (
                "organisations",
                "Participating organisations",
                "organisation",
                &[
                    ("presentation", "unconfirmed", PRESENT_Q),
                    ("experience", "unconfirmed", EXPERIENCE_Q),
                ],
            ),
            (
                "rationale",
                "Project rationale",
                "project",
                &[
                    (
                        "needs",
                        "secondary",
                        "Why do you want to carry out this project? Please describe the idea of your project, including the needs and objectives. Please also mention how the project fits the needs of the participating organisations.",
                    ),
                    (
                        "needs-identified",
                        "secondary",
                        "How have the needs been identified and how does your project tackle them?",
                    ),
                    (
                        "erasmus-objectives",
                        "secondary",
                        "How does your project link to the objectives of the Erasmus+ programme and those of Youth Workers Mobility?",
                    ),
                    (
                        "target-groups",
                        "secondary",
                        "What are the main target groups of your project?",
                    ),
                    (
                        "benefit",
                        "secondary",
                        "How will your project benefit the youth workers and their organisations in their daily work with young people, during and after the project lifetime?",
                    ),
                    (
                        "impact",
                        "secondary",
                        "How do you expect to contribute with your project to the development of youth work in general? How will you ensure the impact of the project beyond the participants and participating organisations, at local, regional, national, if any European level ?",
                    ),
                ],
            ),
            (
                "details",
                "Project details",
                "project",
                &[("contributions", "secondary", CONTRIB_Q)],
            ),
            (
                "flows",
                "Flows",
                "flow",
                &[("expenses", "unconfirmed", EXPENSES_Q)],
            ),
            (
                "design",
                "Project design",
                "project",
                &[
                    (
                        "methods",
                        "secondary",
                        "What non-formal learning methods will you use in your project? What will you do to be sure that the methods allowing them to learn are of high quality?",
                    ),
                    (
                        "preparation",
                        "secondary",
                        "How will you prepare the participants before the start of the activity (e.g. intercultural, linguistic, risk-prevention etc.) and how will you support them during and after the activities?",
                    ),
                    ("safety", "secondary", SAFETY_Q),
                    (
                        "follow-up",
                        "secondary",
                        "What activities are foreseen after the end of the Professional Development Activity? How will the participants follow-up on the activity?",
                    ),
                    ("recognition", "secondary", RECOGNITION_Q),
                    ("youthpass", "secondary", YOUTHPASS_Q),
                    ("national-certificate", "secondary", NATIONAL_Q),
                    ("fewer-opportunities", "secondary", FEWER_Q),
                    // MC lists only the first line; the follow-ups are KA152's.
                    ("outreach", "unconfirmed", OUTREACH_Q),
                    ("challenges", "unconfirmed", CHALLENGES_Q),
                    ("measures", "unconfirmed", MEASURES_Q),
                    ("virtual", "secondary", VIRTUAL_Q),
                    ("environment", "secondary", ENVIRONMENT_Q),
                ],
            ),
            (
                "management",
                "Project management",
                "project",
                &[
                    ("project-management", "secondary", MANAGE_Q),
                    ("logistics", "secondary", LOGISTICS_Q),
                    ("partners", "secondary", PARTNERS_Q),
                    ("communication", "secondary", COMMUNICATE_Q),
                    ("monitoring", "secondary", MONITOR_Q),
                    ("other-actors", "secondary", ACTORS_Q),
                    ("evaluation", "secondary", EVALUATION_Q),
                    ("sustainability", "secondary", SUSTAIN_Q),
                    ("results-use", "secondary", RESULTS_USE_Q),
                    ("dissemination", "secondary", DISSEMINATION_Q),
                    ("involvement", "secondary", INVOLVE_Q),
                ],
            ),
        ],
    );
}

#[test]
fn ka154_form_matches_the_reference() {
    // The reference abbreviates the second sentence of "outcomes" as the
    // same three groups as "channels": written out in full here.
    const DESCRIPTION: &[(&str, &str, &str)] = &[
        (
            "profile",
            "secondary",
            "Please describe the profile of the target groups you will address by the different activities, including their age. For target groups beyond the informal group of young people and beyond the young people who are actively involved in the preparation and implementation of the project, please describe how they have been, or will be selected.",
        ),
        (
            "involvement",
            "secondary",
            "Please describe how the target groups will be involved in planning, preparing, and implementing the activities and in the follow-up of the different activities. Please also describe the involvement of target groups beyond the informal group of young people and the young people who are actively involved in the preparation and implementation of the project.",
        ),
        (
            "decision-makers",
            "secondary",
            "Will your project also involve decision makers?",
        ),
        (
            "cooperation",
            "secondary",
            "How will the participants cooperate and communicate between them to prepare and follow-up on the project activities?",
        ),
        (
            "channels",
            "secondary",
            "How did you choose this channel/these channels of communication? If relevant, please distinguish between the informal group of young people (applicant or partner), the young people actively involved in the preparation/implementation of the project (if applicant or partner is an organisation) and other participants.",
        ),
        (
            "outcomes",
            "secondary",
            "Which learning outcomes or competences (i.e. knowledge, skills and attitudes/behaviours) are to be acquired/improved by the participants in the project activities? If relevant, please distinguish between the informal group of young people (applicant or partner), the young people actively involved in the preparation/implementation of the project (if applicant or partner is an organisation) and other participants.",
        ),
        (
            "coaching",
            "secondary",
            "Will the young people involved in implementing the project need the support of a coach/several coaches?",
        ),
    ];
    matches_reference(
        "KA154-YOU",
        &[
            (
                "summary",
                "Project summary",
                "project",
                &[
                    (
                        "objectives",
                        "secondary",
                        "What do you want to achieve by implementing the project? What are the objectives of your project?",
                    ),
                    ("activities", "secondary", ACTIVITIES_Q),
                    ("results", "secondary", RESULTS_Q),
                ],
            ),
            (
                "organisations",
                "Participating organisations",
                "organisation",
                &[
                    ("presentation", "unconfirmed", PRESENT_Q),
                    ("experience", "unconfirmed", EXPERIENCE_Q),
                    ("group-members", "unconfirmed", MEMBERS_Q),
                ],
            ),
            (
                "rationale",
                "Project rationale",
                "project",
                &[
                    (
                        "needs",
                        "secondary",
                        "Please describe the idea of your project including the needs you have identified (e.g. needs of participating organisations and young people actively involved in the preparation and implementation of the project, as well as the needs of young people targeted by the activities) and the project's objectives.",
                    ),
                    (
                        "youth-dialogue",
                        "secondary",
                        "Does your project address one or more of the priorities defined in the context of the EU Youth Dialogue or the European Youth Goals ? If yes, please explain how.",
                    ),
                    (
                        "erasmus-objectives",
                        "secondary",
                        "How does your project link to the objectives of the Erasmus programme and more specifically those of Youth Participation Activities?",
                    ),
                    (
                        "target-groups",
                        "secondary",
                        "What are the target groups of the individual activities of your project?",
                    ),
                    (
                        "benefit-involved",
                        "secondary",
                        "How will your project benefit the organisation(s)/informal group(s) and the young people actively involved in the preparation and implementation of the project, during and after the project lifetime?",
                    ),
                    (
                        "benefit-wider",
                        "secondary",
                        "How will your project benefit young people in the wider target group (i.e. young people participating in the activities, beyond the informal group of young people or the young people actively involved in the preparation and implementation of the project where the applicant is an organisation) during and after the project lifetime?",
                    ),
                    (
                        "impact",
                        "secondary",
                        "What would be the impact of your project at local, regional, national and/or European level ?",
                    ),
                ],
            ),
            (
                "description",
                "Description of the activities",
                "project",
                DESCRIPTION,
            ),
            (
                "details",
                "Project details",
                "project",
                &[("contributions", "secondary", CONTRIB_Q)],
            ),
            (
                "design",
                "Project design",
                "project",
                &[
                    (
                        "learning",
                        "secondary",
                        "What will the participants learn during the activities? Which learning outcomes or competences (i.e. knowledge, skills and attitudes/behaviors) are to be acquired/improved by participants in the activities? What will your project include as non-formal learning methods ?",
                    ),
                    (
                        "preparation",
                        "secondary",
                        "How will you prepare the participants before the start of the activities and how will you support them during and after the activities?",
                    ),
                    ("safety", "secondary", SAFETY_Q),
                    (
                        "recognition",
                        "secondary",
                        "How will you help participants to become aware of what they have learned and which competences they have developed or improved? Please remember to include the methods that support reflection and documentation of the learning outcomes in the description of activities.",
                    ),
                    ("youthpass", "secondary", YOUTHPASS_Q),
                    ("national-certificate", "secondary", NATIONAL_Q),
                    ("fewer-opportunities", "secondary", FEWER_Q),
                    ("outreach", "unconfirmed", OUTREACH_Q),
                    ("challenges", "unconfirmed", CHALLENGES_Q),
                    ("measures", "unconfirmed", MEASURES_Q),
                    ("virtual", "secondary", VIRTUAL_Q),
                    ("environment", "secondary", ENVIRONMENT_Q),
                ],
            ),
            (
                "management",
                "Project management",
                "project",
                &[
                    ("project-management", "secondary", MANAGE_Q),
                    (
                        "logistics",
                        "secondary",
                        "How will you organise the practical and logistical part of the project (e.g. ongoing activities, communication with participants and partners, if needed mentoring and support, and if relevant travel, accommodation, insurance, visa, social security, etc.)? What measures will you put in place to ensure the safety and protection of participants?",
                    ),
                    ("evaluation", "secondary", EVALUATION_Q),
                    (
                        "sustainability",
                        "secondary",
                        "What will you do to make sure that your project continues to have effects also after it ends? What activities, if any, are going to continue to take place even after the project's end date (once the funding has finished), and how will they be beneficial to your target groups?",
                    ),
                    (
                        "dissemination",
                        "secondary",
                        "How will you make your project visible outside your organisation(s)/ informal group(s) of young people and the young people actively involved in the preparation and implementation of the project? What concrete results of the project do you plan to disseminate, how and to whom?",
                    ),
                    (
                        "involvement",
                        "secondary",
                        "How will you involve participants in such activities? If relevant, please distinguish between the young people actively involved in the preparation and implementation of the project and other participants.",
                    ),
                ],
            ),
        ],
    );
}

#[test]
fn ka210_form_matches_the_reference() {
    matches_reference(
        "KA210-YOU",
        &[
            // IB's KA210-SCH wording.
            (
                "organisations",
                "Participating organisations",
                "organisation",
                &[
                    (
                        "presentation",
                        "secondary",
                        "Please briefly present your organisation.",
                    ),
                    (
                        "activities",
                        "secondary",
                        "What are the organisation's main activities?",
                    ),
                    (
                        "field-activities",
                        "secondary",
                        "What are the organisation's activities in the field of this application?",
                    ),
                    (
                        "learners",
                        "secondary",
                        "What profiles and age groups of learners are concerned by the organisation's work?",
                    ),
                    (
                        "years",
                        "secondary",
                        "How many years of experience does the organisation have working in the field of this application?",
                    ),
                    (
                        "past-participation",
                        "secondary",
                        "Would you like to make any comments or add any information to the summary of your organisation's past participation?",
                    ),
                ],
            ),
            (
                "description",
                "Project description",
                "project",
                &[
                    (
                        "objectives",
                        "secondary",
                        "What are the concrete objectives you would like to achieve and outcomes or results you would like to realise? How are these objectives linked to the priorities you have selected?",
                    ),
                    (
                        "target-groups",
                        "secondary",
                        "Please outline the target groups of your project and describe their identified needs.",
                    ),
                    (
                        "motivation",
                        "secondary",
                        "Please describe the motivation for your project and explain why it should be funded.",
                    ),
                    (
                        "needs",
                        "secondary",
                        "How does the project address the needs and goals of the participating organisations and the target groups?",
                    ),
                    (
                        "benefits",
                        "secondary",
                        "What will be the benefits of cooperating with transnational partners to achieve the project objectives?",
                    ),
                    // Wording conflict between IB and MC.
                    (
                        "horizontal",
                        "unconfirmed",
                        "How does the project address the horizontal aspects of inclusion and diversity, environmental sustainability, digital dimension and/or participation and civic engagement?",
                    ),
                ],
            ),
            (
                "cooperation",
                "Cooperation arrangements",
                "project",
                &[
                    (
                        "formation",
                        "secondary",
                        "How was the partnership formed? What are the strengths that each partner will bring to the project?",
                    ),
                    (
                        "management",
                        "secondary",
                        "How will you ensure sound management of the project and good cooperation and communication between partners during project implementation?",
                    ),
                    (
                        "platforms",
                        "secondary",
                        "Please describe how you will use Erasmus+ platforms for preparation, implementation or follow-up of your project?",
                    ),
                    (
                        "tasks",
                        "secondary",
                        "Please describe the tasks and responsibilities of each partner organisation in the project.",
                    ),
                ],
            ),
            (
                "activity",
                "Activities",
                "activity",
                &[
                    (
                        "content",
                        "secondary",
                        "Describe the content of the proposed activity.",
                    ),
                    (
                        "target-group",
                        "secondary",
                        "Describe the target group for this activity. Who is going to take part and who is going to benefit from the results?",
                    ),
                    (
                        "objectives",
                        "secondary",
                        "Explain how is this activity going to help to reach the project objectives.",
                    ),
                    (
                        "results",
                        "secondary",
                        "Describe the expected results of the activity.",
                    ),
                    (
                        "grant",
                        "secondary",
                        "Please describe how you determined the grant amount attributed to this activity.",
                    ),
                ],
            ),
            (
                "impact",
                "Impact",
                "project",
                &[
                    (
                        "achievement",
                        "unconfirmed",
                        "How will you know if the project has achieved its objectives? What tools or methods will you use?",
                    ),
                    (
                        "development",
                        "secondary",
                        "How will the participation in this project contribute to the development of the involved organisations in the long-term? Do you have plans to continue using the results of the project or continue to implement some of the activities after the project's end?",
                    ),
                ],
            ),
            // Structure conflict: IB's single field, MC's three in the note.
            (
                "follow-up",
                "Follow-up",
                "project",
                &[(
                    "sharing",
                    "unconfirmed",
                    "Please describe your plans for sharing and use of project results. How will you make the results of your project known within your partnership, in your local communities and in the wider public? Who are the main target groups you would like to share your results with? Are there other groups or organisations that will benefit from your project? Please explain how.",
                )],
            ),
            (
                "summary",
                "Project summary",
                "project",
                &[
                    (
                        "objectives",
                        "secondary",
                        "Objectives: What do you want to achieve by implementing the project?",
                    ),
                    (
                        "implementation",
                        "secondary",
                        "Implementation: What activities are you going to implement?",
                    ),
                    (
                        "results",
                        "secondary",
                        "Results: What results do you expect your project to have?",
                    ),
                ],
            ),
        ],
    );
}

#[test]
fn ka220_form_matches_the_reference() {
    matches_reference(
        "KA220-ADU",
        &[
            (
                "organisations",
                "Participating organisations",
                "organisation",
                &[
                    (
                        "presentation",
                        "secondary",
                        "Please briefly present the organisation (e.g. its type, scope of work, areas of activity and if applicable, approximate number of paid/unpaid staff, learners).",
                    ),
                    (
                        "experience",
                        "secondary",
                        "What are the activities and experience of the organisation in the areas relevant for this project? What are the skills and/or expertise of key persons involved in this project?",
                    ),
                    (
                        "past-participation",
                        "secondary",
                        "Would you like to make any comments or add any information to the summary of ... past participation in Erasmus+?",
                    ),
                ],
            ),
            (
                "relevance",
                "Relevance of the project",
                "project",
                &[
                    (
                        "priorities",
                        "secondary",
                        "How does the project address the selected priorities?",
                    ),
                    (
                        "motivation",
                        "secondary",
                        "Please describe the motivation for your project and explain why it should be funded.",
                    ),
                    // 2025 and 2026 wordings differ.
                    (
                        "objectives",
                        "unconfirmed",
                        "What are the objectives you would like to achieve and which concrete results you would like to produce? How are these objectives linked to the priorities you have selected?",
                    ),
                    ("innovation", "secondary", "What makes your proposal innovative?"),
                    (
                        "complementarity",
                        "unconfirmed",
                        "How is this project complementary to other initiatives already carried out by the participating organisations?",
                    ),
                    (
                        "synergies",
                        "secondary",
                        "How is your proposal suitable for creating synergies between different fields of education, training, youth and sport or how does it have a strong potential impact on one or more of those fields?",
                    ),
                    (
                        "added-value",
                        "secondary",
                        "How does the proposal bring added value at European level through results that would not be attained by activities carried out in a single country?",
                    ),
                    (
                        "follow-up-erasmus",
                        "secondary",
                        "Does this project proposal represent a follow-up or evolution of a previous project or projects funded by Erasmus+ ?",
                    ),
                    (
                        "follow-up-other",
                        "secondary",
                        "Is the project proposal the follow-up or the evolution of a previous project or projects funded under other funding instruments/programmes at EU, national, regional, international level ?",
                    ),
                    (
                        "synergy-initiatives",
                        "secondary",
                        "Is the project proposal in synergy with other initiatives or funding instruments ?",
                    ),
                    (
                        "needs",
                        "secondary",
                        "What needs do you want to address by implementing your project?",
                    ),
                    (
                        "target-groups",
                        "secondary",
                        "What are the target groups of the project? How do the participating organisations engage with the project target groups in their activities?",
                    ),
                    (
                        "identification",
                        "secondary",
                        "How did you identify the needs of your partnership and those of your target groups?",
                    ),
                    (
                        "addressing",
                        "secondary",
                        "How will this project address these needs?",
                    ),
                ],
            ),
            (
                "partnership",
                "Partnership and cooperation arrangements",
                "project",
                &[
                    (
                        "formation",
                        "secondary",
                        "How did you form your partnership? How does the mix of participating organisations complement each other and what will be the added value of their collaboration in the framework of the project? If applicable, please list and describe the associated partners involved in the project.",
                    ),
                    (
                        "tasks",
                        "secondary",
                        "What is the task allocation and how does it reflect the commitment and active contribution of all participating organisations (including the associated partners, if applicable)?",
                    ),
                    (
                        "coordination",
                        "secondary",
                        "Describe the mechanism for coordination and communication between the participating organisations (including the associated partners, if applicable)",
                    ),
                ],
            ),
            (
                "design",
                "Project design and implementation",
                "project",
                &[
                    (
                        "monitoring",
                        "secondary",
                        "How will the progress, quality and achievement of project activities be monitored? Please give information about the involved staff, as well as the timing and frequency of the monitoring activities.",
                    ),
                    (
                        "budget-control",
                        "secondary",
                        "How will you ensure proper budget control and time management in your project?",
                    ),
                    (
                        "risks",
                        "secondary",
                        "What are your plans for handling risks for project implementation (e.g. delays, budget, conflicts, etc.)?",
                    ),
                    (
                        "inclusion",
                        "secondary",
                        "How will you ensure that the activities are designed in an accessible and inclusive way?",
                    ),
                    (
                        "digital",
                        "secondary",
                        "How does the project incorporate the use of digital tools and learning methods to complement the physical activities and to improve cooperation between partner organisations?",
                    ),
                    (
                        "green",
                        "secondary",
                        "How does the project incorporate green practices in different project phases?",
                    ),
                    (
                        "participation",
                        "secondary",
                        "How does the project encourage participation and civic engagement in different project phases?",
                    ),
                ],
            ),
            (
                "work-package",
                "Work packages",
                "work-package",
                &[
                    (
                        "objectives",
                        "secondary",
                        "What are the specific objectives of this work package and how do they contribute to the general objectives of the project?",
                    ),
                    (
                        "results",
                        "secondary",
                        "What will be the main results of this work package?",
                    ),
                    (
                        "indicators",
                        "unconfirmed",
                        "What qualitative and quantitative indicators will you use to measure the level of the achievement of the work package objectives and the quality of the results?",
                    ),
                    (
                        "tasks",
                        "secondary",
                        "Please describe the tasks and responsibilities of each partner organisation in the work package.",
                    ),
                    (
                        "cost",
                        "unconfirmed",
                        "How did you determine the amount allocated to this work package? How did you verify that it is cost-effective?",
                    ),
                    (
                        "content",
                        "secondary",
                        "Describe the content of the proposed activities.",
                    ),
                    (
                        "contribution",
                        "secondary",
                        "Explain how these activities are going to help reach the WP objectives.",
                    ),
                    (
                        "activity-results",
                        "secondary",
                        "Describe the expected results of the activities.",
                    ),
                    (
                        "participants",
                        "secondary",
                        "Expected number and profile of participants",
                    ),
                ],
            ),
            (
                "impact",
                "Impact",
                "project",
                &[
                    (
                        "assessment",
                        "secondary",
                        "How are you going to assess if the project objectives have been achieved?",
                    ),
                    (
                        "sustainability",
                        "secondary",
                        "Explain how you will ensure the sustainability of the project: How will the participation in this project contribute to the development of the involved organisations in the long-term? How do you plan to continue using the project results or implement some of the activities after the project's end?",
                    ),
                    (
                        "dissemination",
                        "secondary",
                        "How do you plan to disseminate the result of the project?",
                    ),
                    (
                        "impact-levels",
                        "secondary",
                        "Please explain in what way the expected results will generate impact for the chosen level(s).",
                    ),
                ],
            ),
            (
                "summary",
                "Project summary",
                "project",
                &[
                    (
                        "objectives",
                        "secondary",
                        "Objectives: What do you want to achieve by implementing the project?",
                    ),
                    (
                        "implementation",
                        "secondary",
                        "Implementation: What activities are you going to implement?",
                    ),
                    (
                        "results",
                        "secondary",
                        "Results: What project results and other outcomes do you expect your project to have?",
                    ),
                ],
            ),
        ],
    );
}

/// The character limits follow the brief's rule: a source's claim
/// (secondary), else the consultancy figure for KA1 youth (secondary), else
/// assumed. Checked on one field per rule.
#[test]
fn each_limit_comes_from_a_source_or_is_marked_assumed() {
    let run = coopcom(["rules", "--action", "KA152-YOU", "--call", "2026"]);
    run.expect_status(0);
    let row = run
        .stdout
        .lines()
        .find(|l| l.starts_with("action.form.max_chars "))
        .unwrap_or_else(|| panic!("{}", run.stdout));
    assert!(
        row.contains("secondary")
            && row.contains("https://youthexchanges.eu/exchanges/knowledge-base/application/how-to-complete-the-application/")
            && row.contains("5000"),
        "{row}"
    );
    let run = coopcom(["rules", "--action", "KA210-YOU", "--call", "2026"]);
    let row = |path: &str| {
        run.stdout
            .lines()
            .find(|l| l.starts_with(path))
            .unwrap_or_else(|| panic!("no row {path}:\n{}", run.stdout))
            .to_string()
    };
    let summary = row("action.form.sections[summary].max_chars ");
    assert!(
        summary.contains("secondary") && summary.contains("ibay46") && summary.contains("500"),
        "{summary}"
    );
    let years = row("action.form.sections[organisations].fields[years].max_chars ");
    assert!(
        years.contains("unconfirmed, assumed") && years.contains("coopcom"),
        "{years}"
    );
    // A field's own row says where its question comes from.
    let field = row("action.form.sections[description].fields[horizontal] ");
    assert!(
        field.contains("unconfirmed") && field.contains("ibay46"),
        "{field}"
    );
}

// ------------------------------------------------------- texts in the workspace

const KA152: &str = "ka152-youth-exchange";
const KA153: &str = "ka153-youth-workers";

/// Renders `ws` into a temporary folder and returns the folder.
fn rendered(ws: &Ws, name: &str, extra: &[&str]) -> TempDir {
    let tmp = TempDir::new(name);
    let out = tmp.path().join("out");
    let mut args: Vec<std::ffi::OsString> = vec![
        "render".into(),
        ws.root().into(),
        "--out".into(),
        out.clone().into(),
    ];
    args.extend(extra.iter().map(|a| a.into()));
    coopcom(args).expect_status(0);
    tmp
}

fn read_out(tmp: &TempDir, rel: &str) -> String {
    let p = tmp.path().join("out").join(rel);
    std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("cannot read {}: {e}", p.display()))
}

#[test]
fn paste_keeps_bullet_lines_typed_one_under_the_other() {
    let ws = Ws::copy(KA152, "paste_bullets");
    ws.write(
        "narrative/organisations/valencia/experience.md",
        "<!-- What are the activities and experience of the partner organisation in youth work? -->\nEvery week we run:\n• gardening\n• cooking\n• river clean-ups\n\nIn summer:\n- camps\n- exchanges\n\n* one\n* two\n\n– first\n– second\n",
    );
    ws.check().passes();
    let out = rendered(&ws, "paste_bullets_out", &[]);
    assert_eq!(
        read_out(&out, "paste/organisations/valencia/experience.txt"),
        "Every week we run:\n• gardening\n• cooking\n• river clean-ups\n\nIn summer:\n- camps\n- exchanges\n\n* one\n* two\n\n– first\n– second\n"
    );
}

#[test]
fn paste_keeps_numbered_lines_paragraphs_and_joins_hard_wrapped_lines() {
    let ws = Ws::copy(KA152, "paste_numbered");
    ws.write(
        "narrative/design/preparation.md",
        "Each group meets four times\nbefore the exchange, in its\nyouth centre.\n\n\nThe meetings:\n1. the theme\n2. the journey\n3) the workshops\n\nAfter the **third** meeting, see [the plan](https://lyon.example/plan).\n",
    );
    let out = rendered(&ws, "paste_numbered_out", &[]);
    assert_eq!(
        read_out(&out, "paste/design/preparation.txt"),
        "Each group meets four times before the exchange, in its youth centre.\n\nThe meetings:\n1. the theme\n2. the journey\n3) the workshops\n\nAfter the third meeting, see the plan (https://lyon.example/plan).\n"
    );
    // The count is of the text produced, a line break as one: 69 + 2 + 13
    // + 1 + 12 + 1 + 14 + 1 + 16 + 2 + 66.
    let index = read_out(&out, "paste/index.txt");
    let row = index
        .lines()
        .find(|l| l.starts_with("design/preparation.txt"))
        .unwrap();
    assert!(row.contains(" 197/5000~ "), "{row}");
    // The draft shows the same lines: the numbered lines are a list, the
    // paragraphs stay paragraphs.
    let md = read_out(&out, "application.md");
    assert!(
        md.contains("The meetings:\n1. the theme\n2. the journey\n3) the workshops"),
        "{md}"
    );
}

#[test]
fn the_draft_keeps_the_paragraphs_of_an_activity_description() {
    let ws = Ws::copy(KA153, "draft_description");
    ws.edit(
        "activities/a1-krakow-training.toml",
        "host = \"krakow\"",
        "host = \"krakow\"\ndescription = \"\"\"\nFive days of training in Kraków.\n\nVisits to the street teams\nof the city centre.\n\"\"\"",
    );
    let out = rendered(&ws, "draft_description_out", &[]);
    let md = read_out(&out, "application.md");
    assert!(
        md.contains("Five days of training in Kraków.\n\nVisits to the street teams\nof the city centre."),
        "{md}"
    );
    assert!(!md.contains("Kraków.  Visits"), "paragraphs joined by two spaces");
    let html = read_out(&out, "application.html");
    assert!(
        html.contains(
            "<p>Five days of training in Kraków.</p>\n<p>Visits to the street teams\nof the city centre.</p>"
        ),
        "{html}"
    );
}

#[test]
fn a_form_in_french_asks_for_the_english_version_of_each_summary_answer() {
    let ws = Ws::copy(KA153, "english_versions");
    ws.edit("coopcom.toml", "language = \"en\"", "language = \"fr\"");
    ws.write(
        "narrative/summary/objectives.md",
        "Vingt-quatre animateurs de Valence, Lyon et Cracovie apprennent le travail de rue.\n",
    );
    let r = ws.check();
    r.passes();
    // One warning per summary field; none for the other fields.
    assert_eq!(r.all("CC810").len(), 3, "{}", r.listing());
    r.all("CC810")
        .iter()
        .find(|d| d.message.contains("(summary/objectives.en)"))
        .unwrap_or_else(|| panic!("{}", r.listing()));
    let d = r
        .all("CC810")
        .into_iter()
        .find(|d| d.message.contains("(summary/results.en)"))
        .unwrap();
    assert_eq!(d.file.as_deref(), Some("coopcom.toml"));
    assert!(
        d.help
            .as_deref()
            .unwrap_or_default()
            .starts_with("write it in narrative/summary/results.en.md"),
        "{d:?}"
    );
    ws.write(
        "narrative/summary/objectives.en.md",
        "Twenty-four youth workers from Valencia, Lyon and Kraków learn street work.\n",
    );
    let r = ws.check();
    assert_eq!(r.all("CC810").len(), 2, "{}", r.listing());
    let out = rendered(&ws, "english_versions_out", &[]);
    assert_eq!(
        read_out(&out, "paste/summary/objectives.txt"),
        "Vingt-quatre animateurs de Valence, Lyon et Cracovie apprennent le travail de rue.\n"
    );
    assert_eq!(
        read_out(&out, "paste/summary/objectives.en.txt"),
        "Twenty-four youth workers from Valencia, Lyon and Kraków learn street work.\n"
    );
    let index = read_out(&out, "paste/index.txt");
    assert!(index.contains("summary/objectives.en.txt"), "{index}");
    assert!(
        index
            .lines()
            .any(|l| l.starts_with("summary/results.en.txt") && l.contains("missing")),
        "{index}"
    );
}

#[test]
fn an_english_version_in_an_english_form_is_not_asked() {
    let ws = Ws::copy(KA153, "english_not_asked");
    ws.write(
        "narrative/summary/objectives.en.md",
        "Twenty-four youth workers.\n",
    );
    let r = ws.check();
    r.at("CC806", "narrative/summary/objectives.en.md", 1, 1)
        .warning()
        .helps("the form is filled in in English");
}

#[test]
fn a_text_at_its_earlier_place_is_read_with_a_warning_that_names_the_new_place() {
    let ws = Ws::copy(KA153, "moved_read");
    let text = ws.read("narrative/design/safety.md");
    ws.remove("narrative/design/safety.md");
    ws.write("narrative/management/safety.md", &text);
    let r = ws.check();
    r.passes();
    r.absent("CC801");
    r.at("CC809", "narrative/management/safety.md", 1, 1)
        .warning()
        .says(&[
            "narrative/management/safety.md is read as the answer to \"What measures will you put in place to ensure the safety and protection of participants?\"",
            "narrative/design/safety.md",
        ])
        .helps("move the file to narrative/design/safety.md");
    // The text reaches the paste pack at the new place.
    let out = rendered(&ws, "moved_read_out", &[]);
    assert_eq!(read_out(&out, "paste/design/safety.txt"), text);
}

#[test]
fn an_earlier_place_beside_the_new_one_is_not_read() {
    let ws = Ws::copy(KA153, "moved_twice");
    ws.write("narrative/management/safety.md", "An older text.\n");
    let r = ws.check();
    r.at("CC809", "narrative/management/safety.md", 1, 1)
        .warning()
        .says(&["is not read: narrative/design/safety.md answers its question now"]);
    let out = rendered(&ws, "moved_twice_out", &[]);
    assert_eq!(
        read_out(&out, "paste/design/safety.txt"),
        ws.read("narrative/design/safety.md")
    );
}

#[test]
fn a_field_no_longer_asked_one_for_one_says_where_its_text_belongs() {
    let ws = Ws::copy(KA152, "retired");
    ws.write("narrative/design/phases.md", "Young people chose the theme.\n");
    ws.check()
        .at("CC809", "narrative/design/phases.md", 1, 1)
        .warning()
        .says(&["is not read: the KA152-YOU form no longer asks this question here"])
        .helps("narrative/activities/<activity-id>/role.md");
}

#[test]
fn inline_experience_keeps_answering_and_a_file_beside_it_wins_with_a_warning() {
    let ws = Ws::copy(KA153, "inline_experience");
    ws.remove("narrative/organisations/lyon/experience.md");
    let line = ws.edit(
        "partners/lyon.toml",
        "type = \"ngo\"",
        "type = \"ngo\"\nexperience = \"Street teams in three districts of Lyon.\"",
    );
    let r = ws.check();
    r.passes();
    r.absent("CC801").absent("CC809");
    let out = rendered(&ws, "inline_experience_out", &[]);
    assert_eq!(
        read_out(&out, "paste/organisations/lyon/experience.txt"),
        "Street teams in three districts of Lyon.\n"
    );
    ws.write(
        "narrative/organisations/lyon/experience.md",
        "Evening street work.\n",
    );
    let r = ws.check();
    r.on_line("CC809", "partners/lyon.toml", line + 1)
        .warning()
        .says(&[
            "`experience` is not read: narrative/organisations/lyon/experience.md answers the same question",
        ]);
}

#[test]
fn each_organisation_answers_its_own_questions() {
    let ws = Ws::copy(KA153, "org_texts");
    ws.remove("narrative/organisations/krakow/presentation.md");
    let r = ws.check();
    r.at("CC801", "partners/krakow.toml", 1, 1)
        .warning()
        .says(&["no text yet for \"Please briefly present your organisation/the group\" (organisations/krakow/presentation)"])
        .helps("write it in narrative/organisations/krakow/presentation.md");
    // A folder named after no partner.
    ws.write("narrative/organisations/krakov/presentation.md", "A typo.\n");
    ws.check()
        .at("CC806", "narrative/organisations/krakov/presentation.md", 1, 1)
        .warning()
        .helps("no partner \"krakov\": did you mean narrative/organisations/krakow/?");
}

#[test]
fn the_applicant_comes_first_then_partners_by_order_then_by_name() {
    let ws = Ws::copy(KA153, "org_order");
    let names = |ws: &Ws| {
        let run = coopcom([
            "status".as_ref(),
            ws.root().as_os_str(),
            "--format".as_ref(),
            "json".as_ref(),
            "--today".as_ref(),
            "2026-01-15".as_ref(),
        ]);
        let v: Value = serde_json::from_str(&run.stdout).unwrap();
        v["organisations"]
            .as_array()
            .unwrap()
            .iter()
            .map(|o| o["id"].as_str().unwrap().to_string())
            .collect::<Vec<_>>()
    };
    // By name: "Association Prévention Jeunesse Lyon", "Stowarzyszenie Ulica Kraków".
    assert_eq!(names(&ws), ["valencia", "lyon", "krakow"]);
    ws.edit(
        "partners/krakow.toml",
        "type = \"ngo\"",
        "type = \"ngo\"\norder = 1",
    );
    ws.edit(
        "partners/lyon.toml",
        "type = \"ngo\"",
        "type = \"ngo\"\norder = 2",
    );
    ws.check().passes().absent("CC102");
    assert_eq!(names(&ws), ["valencia", "krakow", "lyon"]);
    let out = rendered(&ws, "org_order_out", &[]);
    let md = read_out(&out, "application.md");
    let at = |s: &str| md.find(s).unwrap_or_else(|| panic!("{s} not in the draft"));
    // The table and the answers follow the same order.
    assert!(at("| Fundación Calle Abierta |") < at("| Stowarzyszenie Ulica Kraków |"));
    assert!(at("| Stowarzyszenie Ulica Kraków |") < at("| Association Prévention Jeunesse Lyon |"));
    assert!(at("### Fundación Calle Abierta (applicant)") < at("### Stowarzyszenie Ulica Kraków (partner)"));
    assert!(
        at("### Stowarzyszenie Ulica Kraków (partner)")
            < at("### Association Prévention Jeunesse Lyon (partner)")
    );
}

#[test]
fn a_flow_justifies_its_expenses_in_its_own_key() {
    let ws = Ws::copy(KA153, "flow_expenses");
    ws.edit(
        "activities/a1-krakow-training.toml",
        "distance_km = 1979",
        "distance_km = 1979\nexpenses = \"\"\"\nA sign-language interpreter for two participants:\n• 5 days x 2 interpreters\n\"\"\"",
    );
    ws.check().passes();
    let out = rendered(&ws, "flow_expenses_out", &[]);
    assert_eq!(
        read_out(&out, "paste/activities/a1-krakow-training/flows/1/expenses.txt"),
        "A sign-language interpreter for two participants:\n• 5 days x 2 interpreters\n"
    );
    let md = read_out(&out, "application.md");
    assert!(
        md.contains("### Detached youth work: methods and ethics, flow 1 (from Fundación Calle Abierta)"),
        "{md}"
    );
    // Flows without a justification are not listed.
    assert!(!md.contains("flow 2 (from"), "{md}");
}

#[test]
fn an_assumed_limit_reads_characters_at_most_limit_assumed() {
    let ws = Ws::copy(KA152, "limit_phrase");
    ws.write(
        "limits.toml",
        "[[form.sections]]\nkey = \"summary\"\ntitle = \"Project summary\"\n[[form.sections.fields]]\nkey = \"objectives\"\nquestion = \"What do you want to achieve by implementing the project? What are the objectives of your project? Please specify from the perspective of youth work practice.\"\nmax_chars = { value = 1500, status = \"unconfirmed\", assumed = true, source = \"coopcom\" }\n",
    );
    let rules = ws.path("limits.toml");
    let out = rendered(&ws, "limit_phrase_out", &["--rules", rules.to_str().unwrap()]);
    let md = read_out(&out, "application.md");
    // The fixture's objectives: 30 words of 147 letters and marks, 29 spaces.
    assert!(
        md.contains("*176 characters; 1 500 characters at most (limit assumed)*"),
        "{md}"
    );
    assert!(
        md.contains("characters; 5 000 characters at most (limit from a secondary source)*"),
        "{md}"
    );
}

#[test]
fn init_scaffolds_one_file_per_field_for_the_project_and_each_entity() {
    let tmp = TempDir::new("init_form");
    let dir = tmp.path().join("ws");
    coopcom([
        "init".as_ref(),
        dir.as_os_str(),
        "--action".as_ref(),
        "KA152-YOU".as_ref(),
    ])
    .expect_status(0);
    let read = |rel: &str| std::fs::read_to_string(dir.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"));
    assert_eq!(
        read("narrative/summary/objectives.md"),
        "<!-- Project summary: What do you want to achieve by implementing the project? What are the objectives of your project? Please specify from the perspective of youth work practice. 5 000 characters at most (limit from a secondary source). -->\n"
    );
    assert_eq!(
        read("narrative/organisations/valencia-youth/experience.md"),
        "<!-- Participating organisations: What are the activities and experience of the partner organisation in youth work? 5 000 characters at most (limit from a secondary source). -->\n"
    );
    assert_eq!(
        read("narrative/rationale/needs.md"),
        "<!-- Project rationale > Needs and objectives: Why do you want to carry out this project? Please describe the issues and needs you want to address and your project's objectives. 5 000 characters at most (limit from a secondary source). -->\n"
    );
    assert!(
        dir.join("narrative/organisations/lyon-youth/presentation.md")
            .is_file()
    );
    assert!(
        dir.join("narrative/activities/a1-first-activity/background.md")
            .is_file()
    );
    assert_eq!(
        read("narrative/design/youthpass.md"),
        format!(
            "<!-- Project design > Recognition of learning outcomes: {YOUTHPASS_Q} 5 000 characters at most (limit from a secondary source). Optional: coopcom does not ask for a text. -->\n"
        )
    );
}
