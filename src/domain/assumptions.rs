//! Where AWS behaviour is undocumented, the core picks the most plausible behaviour and names it here,
//! in one place, so the UI and CLI can state it and a later fact can change it. Imports nothing.

use serde::Serialize;

/// One stated assumption.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Assumption {
    pub id: &'static str,
    pub text: &'static str,
}

macro_rules! assumptions {
    ($($name:ident = $id:literal : $text:literal;)*) => {
        $(pub const $name: Assumption = Assumption { id: $id, text: $text };)*
        /// Every assumption the core can make.
        pub const ALL: &[Assumption] = &[$($name),*];
    };
}

assumptions! {
    MISSING_PATH = "missing-path":
        "An input path that finds nothing in the event is replaced by empty text (AWS documents only that the variable is not created).";
    NON_STRING_IN_QUOTES = "non-string-in-quotes":
        "A number, boolean, object or array placed inside quotes is spliced as its JSON text.";
    UNQUOTED_ESCAPED = "unquoted-escaped":
        "A string placed outside quotes is inserted as a JSON string with its quotes and backslashes escaped.";
    WILDCARD_ARRAY = "wildcard-array":
        "An input path with a wildcard yields a JSON array of every value it reaches.";
    UNDEFINED_PLACEHOLDER = "undefined-placeholder":
        "A <name> that is not an input path or reserved variable makes delivery to the target fail (community report).";
    ANGLE_TEXT = "angle-text":
        "Text in angle brackets that is not a variable name (such as a Slack link <https://example.com|label>) is passed through unchanged.";
    CRITERIA_AND = "criteria-and":
        "All criteria of a button must hold for it to appear (AWS does not say how criteria combine).";
    NO_CRITERIA = "no-criteria":
        "A button without criteria appears on every custom notification of its notification type.";
    ENABLE_CUSTOM_ACTIONS = "enable-custom-actions":
        "metadata.enableCustomActions is absent, which is taken to mean true, so the buttons are added (AWS's field table as paraphrased by a secondary source: it defaults to true; not in the published schema).";
    ENABLE_CUSTOM_ACTIONS_FALSE = "enable-custom-actions-absent-false":
        "metadata.enableCustomActions is absent, shown here as if absent meant false (the other reading): no buttons are added.";
    NOTIFICATION_TYPE = "notification-type":
        "Only attachments with NotificationType \"Custom\" apply to custom notifications.";
    VARIABLE_TEXT = "variable-text":
        "A variable that reads a number or boolean takes its JSON text; one that reads an object or array is not set.";
    BUTTON_ORDER = "button-order":
        "Slack shows the matching buttons in an order the service chooses; design order is not guaranteed.";
    SUBSTITUTION_RAW = "substitution-raw":
        "$Var is replaced by the variable's value as is, with no quoting or escaping.";
    DESCRIPTION_NONEMPTY = "description-nonempty":
        "content.description must be a string; an empty one is assumed to be delivered.";
    CHATBOT_REGION = "chatbot-region":
        "Custom actions and channel configurations are created where the Chatbot API has an endpoint (us-east-2, us-west-2, eu-west-1, ap-southeast-1); whether AWS::Chatbot resources deploy in other Regions is not confirmed.";
    CHANNEL_ROLE_TRUST = "channel-role-trust":
        "The channel role trusts chatbot.amazonaws.com with sts:AssumeRole (community templates; not confirmed in AWS's documentation).";
    GUARDRAIL_RESET = "guardrail-reset":
        "Without a guardrail the CLI script sets AWS's AdministratorAccess policy as the channel's guardrail, which AWS applies when none is set; it sets it explicitly because UpdateSlackChannelConfiguration is assumed to keep an earlier guardrail when the field is left out.";
    TOPIC_KMS = "topic-kms":
        "Amazon Q delivers from a topic encrypted with a customer managed KMS key whose key policy lets events.amazonaws.com use it (AWS Chatbot guide, 2023; not re-confirmed for custom notifications).";
    ACTION_ARN_FORMAT = "action-arn-format":
        "A custom action's ARN is arn:aws:chatbot::<account>:custom-action/<name>, with an empty Region field, as AWS's API reference shows.";
}

/// Looks an assumption up by id.
pub fn by_id(id: &str) -> Option<Assumption> {
    ALL.iter().copied().find(|a| a.id == id)
}
