//! What backs each element the preview renders, and each assumption the core can make, as one
//! table: documented by AWS, seen in public write-ups or screenshots (first- or second-hand), or
//! assumed by this app. Section H of the facts reference is its source; the preview's Evidence
//! view and `chatops evidence` read it. Imports assumptions.

use crate::domain::base::assumptions;
use serde::Serialize;

/// How well a rendered element or behaviour is backed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    /// AWS's documentation says so.
    Documented,
    /// Public write-ups, code or screenshots show it (not AWS's documentation).
    Seen,
    /// No source: this app's choice.
    Assumed,
}

impl Level {
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Documented => "documented",
            Level::Seen => "seen",
            Level::Assumed => "assumed",
        }
    }
    /// How the UI names it.
    pub fn label(self) -> &'static str {
        match self {
            Level::Documented => "Documented by AWS",
            Level::Seen => "Seen in public sources",
            Level::Assumed => "Assumed by this app",
        }
    }
}

/// One row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Evidence {
    /// A preview element (`title`, `next-steps`, …) or `assumption:<id>`.
    pub element: &'static str,
    pub level: Level,
    /// What the app shows or does, and what the source says, in one sentence.
    pub says: &'static str,
    /// Where it comes from (tags of the facts reference).
    pub source: &'static str,
}

impl Evidence {
    /// The sentence the preview gives as the element's accessible description.
    pub fn describe(&self) -> String {
        format!("{}: {} ({})", self.level.label(), self.says, self.source)
    }
}

macro_rules! evidence {
    ($($element:literal, $level:ident, $says:literal, $source:literal;)*) => {
        /// Every row: the preview's elements, then every assumption.
        pub const EVIDENCE: &[Evidence] = &[$(Evidence {
            element: $element,
            level: Level::$level,
            says: $says,
            source: $source,
        }),*];
    };
}

evidence! {
    "header", Assumed, "the app name, avatar, APP badge and post time above the message are drawn as Slack shows app posts; no source shows Amazon Q's header", "no source";
    "title", Documented, "the title is shown, with markdown and emoji; that it stands bold above the body is assumed", "AWS custom notifications page [CB-NOTIF]";
    "description", Documented, "the description is the message body (required), written in the chat client's own markdown", "AWS custom notifications page [CB-NOTIF], AWS's sample payloads [CB-SAMPLE]";
    "next-steps", Seen, "next steps are rendered as a bulleted list; each item at most 350 characters; the \"Next steps\" heading above them is assumed", "a paraphrase of AWS's field table [PARA], one secondary source; no source shows a heading";
    "keywords", Seen, "keywords are rendered as inline tags; each at most 75 characters", "a paraphrase of AWS's field table [PARA], one secondary source";
    "length-limits", Seen, "title at most 250 and description at most 8,000 characters; whether longer text is cut or rejected is unknown", "two secondary sources [PARA][AFT]";
    "buttons", Seen, "buttons appear with the message when their criteria hold", "first-hand write-up [BLOG]";
    "button-order", Seen, "the service chooses the order of the buttons; design order is not guaranteed", "first-hand write-up [BLOG]";
    "button-row", Assumed, "the row of buttons sits under the message text (native alarm buttons sit at the bottom)", "no source for custom notifications; [CB-AG-2023] for alarms";
    "part-order", Assumed, "title, description, next steps, keywords, then buttons, in this order", "no source";
    "click-flow", Assumed, "after a click the command is shown for confirmation; for commands typed to Amazon Q a threaded confirmation with a Run button is reported, for button clicks no source shows it", "[QIITA-2025] for typed commands only";
    "max-buttons", Assumed, "how many buttons one message can carry is unknown (Slack's own actions block allows 25)", "no source";
    "button-without-criteria", Documented, "an attachment without criteria creates a button on every notification of its type", "AWS SDK example [SDK-EX]";
    "thread-id", Documented, "threadId groups messages into one thread when the channel's preferences allow threaded updates; no source shows it printed", "AWS custom notifications page [CB-NOTIF]";
    "summary", Seen, "summary is displayed on the top-level message when notifications are threaded; not a line of the message", "a paraphrase of AWS's field table [PARA]";
    "event-type", Assumed, "eventType is received but no source shows it printed", "no source shows it";
    "related-resources", Assumed, "relatedResources are received but no source shows them printed", "no source shows them";
    "additional-context", Documented, "additionalContext feeds Custom Action variables (event.metadata.additionalContext.<Key>); no source shows it printed", "AWS custom actions API [CB-API-CREATE], [CB-NOTIF]";
    "enable-custom-actions", Seen, "enableCustomActions false removes the buttons and it defaults to true when absent", "a paraphrase of AWS's field table [PARA]; community payloads";
    "not-delivered", Seen, "a message that is not a valid custom notification is dropped; the channel's log says \"Event received is not supported\"", "community reports, [CB-AG-2023]";
    "raw-delivery", Documented, "raw message delivery must stay off on the Amazon Q subscription; more than 10 events a second are throttled", "AWS Chatbot guide 2023 [CB-AG-2023]";
    "teams-dialect", Documented, "client-markdown is the client's own markdown, so Teams reads Markdown (**bold**, [label](url)), not Slack mrkdwn", "AWS custom notifications page [CB-NOTIF]";
    "teams-layout", Assumed, "how Teams lays out the message and its buttons is not documented", "no source";
    "assumption:missing-path", Assumed, "an input path that finds nothing becomes empty text", "AWS documents only that the variable is not created [EB-TRANSFORM]";
    "assumption:non-string-in-quotes", Assumed, "a non-string value inside quotes is spliced as its JSON text", "no source";
    "assumption:unquoted-escaped", Assumed, "a string outside quotes is inserted with its quotes and backslashes escaped", "no source";
    "assumption:wildcard-array", Assumed, "a wildcard input path yields a JSON array", "no source";
    "assumption:undefined-placeholder", Seen, "an undefined <name> makes delivery to the target fail", "community report";
    "assumption:angle-text", Assumed, "text in angle brackets that is not a variable passes through unchanged", "no source";
    "assumption:criteria-and", Assumed, "all criteria of a button must hold", "AWS does not say how criteria combine";
    "assumption:no-criteria", Documented, "a button without criteria appears on every custom notification of its type", "AWS SDK example [SDK-EX]";
    "assumption:enable-custom-actions", Seen, "an absent enableCustomActions means true", "a paraphrase of AWS's field table [PARA]";
    "assumption:enable-custom-actions-absent-false", Assumed, "the other reading, shown on request: an absent enableCustomActions means false", "no source";
    "assumption:notification-type", Seen, "only attachments of type Custom apply to custom notifications", "community code [CM-CUSTOMACTION]";
    "assumption:variable-text", Assumed, "a variable reading a number or boolean takes its JSON text; an object or array is not set", "no source";
    "assumption:button-order", Seen, "the service chooses the order of the buttons", "first-hand write-up [BLOG]";
    "assumption:substitution-raw", Assumed, "$Var is replaced by the value as is, without quoting", "no source";
    "assumption:description-nonempty", Assumed, "an empty description is delivered", "no source";
    "assumption:chatbot-region", Assumed, "custom actions and channel configurations are created in a Region with the Chatbot API", "AWS general reference lists the endpoints [GR]; deployment elsewhere unconfirmed";
    "assumption:channel-role-trust", Seen, "the channel role trusts chatbot.amazonaws.com", "community templates [CM-GIST-ROLE]";
    "assumption:guardrail-reset", Assumed, "an update keeps an earlier guardrail unless one is named, so the script names AdministratorAccess", "AWS applies AdministratorAccess when none is set [BOTO-CB]";
    "assumption:topic-kms", Seen, "Amazon Q delivers from a topic encrypted with a customer managed key that lets EventBridge use it", "AWS Chatbot guide 2023 [CB-AG-2023]";
    "assumption:key-source-account", Assumed, "EventBridge's use of the topic key carries aws:SourceAccount", "IAM user guide, the confused deputy problem; documented for the topic policy, not for the key";
    "assumption:action-arn-format", Documented, "a custom action's ARN has an empty Region field", "AWS API reference [CB-API-GET]";
    "assumption:pattern-number-lexeme", Seen, "exact numbers compare as written", "the EventBridge user guide [EB-UG-2023]; event-ruler differs [RULER]";
    "assumption:pattern-number-precision", Assumed, "a number beyond 15 significant digits compares as the nearest double", "no source: the guide documents 15 digits, event-ruler refuses it";
    "assumption:pattern-dotted-field-name", Seen, "a dotted field name does not match nested fields", "the EventBridge user guide [EB-UG-2023]; event-ruler differs [RULER]";
    "assumption:pattern-ip-exact-string", Seen, "an IP-looking exact string compares character by character", "the EventBridge user guide [EB-UG-2023]; event-ruler differs [RULER]";
    "assumption:pattern-ip-event-form", Seen, "an event address is not normalised before cidr or exact matching", "the EventBridge user guide [EB-UG-2023]; event-ruler differs [RULER]";
    "assumption:pattern-cidr-full-mask", Assumed, "a /32 or /128 cidr matches the single address", "no source: event-ruler rejects it [RULER]";
    "assumption:pattern-cidr-no-mask", Assumed, "a cidr without a mask matches the single address", "no source: event-ruler rejects it [RULER]";
    "assumption:pattern-cidr-leading-zeros", Assumed, "a cidr address with leading zeros is malformed", "no source: event-ruler accepts it [RULER]";
    "assumption:pattern-ignore-case-non-bmp", Seen, "equals-ignore-case matches identical text outside the Basic Multilingual Plane", "the EventBridge user guide [EB-UG-2023]; event-ruler 2.0.1 differs [RULER]";
    "assumption:pattern-ignore-case-folding", Assumed, "equals-ignore-case folds by full upper then lower case", "no source for special characters";
    "assumption:pattern-duplicate-keys", Seen, "the last of two equal keys is used", "the EventBridge user guide [EB-UG-2023]; event-ruler differs [RULER]";
    "assumption:pattern-or-shadows-outer-field", Seen, "$or is AND-ed with the other fields, also on the same field", "the EventBridge user guide [EB-UG-2023]; event-ruler differs [RULER]";
    "assumption:pattern-reserved-word-as-field", Seen, "an operator name used as a field name is a field name", "Amazon SNS filter-policy docs; event-ruler rejects it inside $or [RULER]";
    "assumption:pattern-malformed-or", Seen, "a $or that is not an array of objects is a field named $or", "event-ruler's README [RULER] and the Amazon SNS docs";
    "assumption:pattern-exactly-operator", Assumed, "exactly is an unknown operator", "not in the guide's operator table; event-ruler accepts it [RULER]";
    "assumption:pattern-anything-but-empty-list", Assumed, "anything-but with an empty list is rejected", "no source; event-ruler accepts it beside other values [RULER]";
    "assumption:pattern-exists-false-in-array", Seen, "exists: false fails when any element of an array of objects has the field", "event-ruler's behaviour [RULER]; the guide is silent";
}

/// The row of one preview element or assumption (`assumption:<id>`).
pub fn evidence(element: &str) -> Option<&'static Evidence> {
    EVIDENCE.iter().find(|e| e.element == element)
}

/// The row of an assumption the core made.
pub fn for_assumption(a: &assumptions::Assumption) -> Option<&'static Evidence> {
    EVIDENCE
        .iter()
        .find(|e| e.element.strip_prefix("assumption:") == Some(a.id))
}
