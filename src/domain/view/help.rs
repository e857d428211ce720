//! Field help shown on hover and focus, from the facts reference. Text marked "Assumption" or
//! "Unconfirmed" is stated as such in the UI. A field's documented limits are not written here:
//! they are read from `amazon_q::limits`, the table `validate` checks.

use crate::domain::amazon_q::limits::{describe, limits};

/// Help for a field id (with its limits, when it has any), or an empty string.
pub fn help(field: &str) -> String {
    let text = about(field);
    if limits(field).next().is_none() {
        return text.to_string();
    }
    format!("{text} Limits: {}.", describe(field))
}

fn about(field: &str) -> &'static str {
    match field {
        "title" => "content.title: markdown and emoji shortcodes (:rocket:) allowed. Unconfirmed: whether Slack shows it in bold.",
        "description" => "content.description (required): the message body in Slack mrkdwn: *bold*, _italic_, ~strike~, `code`, ```blocks```, > quotes, <https://url|label> links, new lines.",
        "nextSteps" => "content.nextSteps: an array of strings. Unconfirmed: how Slack lays them out; shown here as a list.",
        "keywords" => "content.keywords: an array of strings. Unconfirmed: whether Slack shows them as tags.",
        "threadId" => "metadata.threadId: groups notifications into one thread when the channel allows threaded updates (@Amazon Q preferences).",
        "summary" => "metadata.summary: a string. Unconfirmed where chat clients show it.",
        "eventType" => "metadata.eventType: a string. Unconfirmed where chat clients show it.",
        "relatedResources" => "metadata.relatedResources: an array of strings (ARNs in community examples).",
        "additionalContext" => "metadata.additionalContext: string keys and values; Custom Action variables read them as event.metadata.additionalContext.<Key>.",
        "enableCustomActions" => "metadata.enableCustomActions: false removes the buttons; true adds them; absent sends nothing, which a secondary paraphrase of AWS's field table says defaults to true (an assumption the preview states and lets you flip).",
        "actionName" => "ActionName: part of the custom action's ARN; unique in the account.",
        "alias" => "AliasName (optional): run in chat as @Amazon Q run <alias>.",
        "buttonText" => "ButtonText: emoji allowed. Slack shows matching buttons in an order the service chooses.",
        "notificationType" => "NotificationType: \"Custom\" is the value seen working for custom notifications; others are unconfirmed.",
        "criteria" => "Criteria: EQUALS (variable equals value) or HAS_VALUE (variable is set). Assumption — all must hold (AND).",
        "variables" => "Variables: each reads a dotted path rooted at event, e.g. event.metadata.additionalContext.DeploymentId (printable ASCII, no spaces).",
        "command" => "CommandText: the command run in chat, with $Var references; the longest variable name wins. The service's real limit is unconfirmed.",
        "eventPattern" => "EventPattern: a JSON object mirroring the event; values are arrays; operators: prefix, suffix, equals-ignore-case, wildcard, anything-but, numeric, exists, cidr, $or.",
        "inputPaths" => "InputPathsMap: up to 100 names (letters, digits, _ and -; not starting with AWS) to JSON paths such as $.detail.state or $.resources[0].",
        "inputTemplate" => "InputTemplate: generated from the notification. Placeholders inside quotes are spliced raw and unescaped; outside quotes they become JSON values. 1-8192 characters.",
        "ruleName" => "Rule name: 1-64 letters, digits, ., - or _.",
        "ruleDescription" => "Rule description: what the rule is for, shown in the EventBridge console. At most 512 characters; may be empty.",
        "designName" => "The design's name: the exports name it in their description and comments. Drafts have names of their own (Rename).",
        "event" => "The event EventBridge receives. Pick a sample (grouped by source; each names the AWS page it comes from) or paste your own JSON, which is named by its source.",
        _ => "",
    }
}
