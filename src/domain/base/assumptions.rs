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
    KEY_SOURCE_ACCOUNT = "key-source-account":
        "The topic key's policy lets EventBridge use the key only for this account (aws:SourceAccount, AWS's guidance against the confused deputy); that EventBridge's use of the key through SNS carries aws:SourceAccount is not documented (the topic policy's aws:SourceArn and aws:SourceAccount are).";
    TOPIC_KMS = "topic-kms":
        "Amazon Q delivers from a topic encrypted with a customer managed KMS key whose key policy lets events.amazonaws.com use it (AWS Chatbot guide, 2023; not re-confirmed for custom notifications).";
    ACTION_ARN_FORMAT = "action-arn-format":
        "A custom action's ARN is arn:aws:chatbot::<account>:custom-action/<name>, with an empty Region field, as AWS's API reference shows.";
    PATTERN_NUMBER_LEXEME = "pattern-number-lexeme":
        "An exact number with a fraction or an exponent: the EventBridge guide compares numbers as written (300, 300.0 and 3.0e2 differ), event-ruler compares their values; the simulation follows the guide; settle it with `chatops verify --design F --run`.";
    PATTERN_NUMBER_PRECISION = "pattern-number-precision":
        "A number with more than 15 significant digits: the guide documents 15, event-ruler refuses a number that is not exactly a double; the simulation compares it as the nearest double; settle it with `chatops verify --design F --run`.";
    PATTERN_DOTTED_NAME = "pattern-dotted-field-name":
        "A field name with a dot (in the pattern, or in the event where the pattern reads nested fields): the guide requires the event's nesting, event-ruler joins names with dots so {\"a.b\": …} and {\"a\": {\"b\": …}} collide; the simulation follows the guide; settle it with `chatops verify --design F --run`.";
    PATTERN_IP_EXACT = "pattern-ip-exact-string":
        "An exact string that looks like an IP address: the guide compares strings character by character, event-ruler compares them as addresses (10.0.0.01 equals 10.0.0.1, 2001:DB8:0:0:0:0:0:1 equals 2001:db8::1); the simulation follows the guide; settle it with `chatops verify --design F --run`.";
    PATTERN_IP_EVENT_FORM = "pattern-ip-event-form":
        "An event address written with leading zeros, upper case or unshortened, compared with a cidr or an IP-looking string: the guide matches without normalisation, event-ruler normalises the address first; the simulation follows the guide; settle it with `chatops verify --design F --run`.";
    PATTERN_CIDR_FULL_MASK = "pattern-cidr-full-mask":
        "A cidr with a /32 or /128 mask: the guide shows only shorter masks, event-ruler rejects a full mask; the simulation matches the single address; settle it with `chatops verify --design F --run`.";
    PATTERN_CIDR_NO_MASK = "pattern-cidr-no-mask":
        "A cidr without a mask: the guide shows only masked ranges, event-ruler rejects it; the simulation matches the single address; settle it with `chatops verify --design F --run`.";
    PATTERN_CIDR_LEADING_ZEROS = "pattern-cidr-leading-zeros":
        "A cidr whose address has leading zeros: the guide is silent, event-ruler accepts it; the simulation rejects it as malformed; settle it with `chatops verify --design F --run`.";
    PATTERN_IGNORE_CASE_NON_BMP = "pattern-ignore-case-non-bmp":
        "equals-ignore-case with a character outside the Basic Multilingual Plane (an emoji, for one): the guide matches identical text, event-ruler 2.0.1 fails to match such characters; the simulation follows the guide; settle it with `chatops verify --design F --run`.";
    PATTERN_IGNORE_CASE_FOLDING = "pattern-ignore-case-folding":
        "equals-ignore-case with a character whose case folding is special (title case, final sigma, the Kelvin sign, dotless i, ß): the guide does not say how such characters fold, event-ruler folds them its own way and misses some identical text; the simulation folds by full upper then lower case; settle it with `chatops verify --design F --run`.";
    PATTERN_DUPLICATE_KEYS = "pattern-duplicate-keys":
        "A key written twice in one object: the guide says the last one is used, event-ruler keeps the first; the simulation uses the last; settle it with `chatops verify --design F --run`.";
    PATTERN_OR_SHADOWS = "pattern-or-shadows-outer-field":
        "A $or branch names a field also constrained outside it: the guide ANDs $or with the other fields, event-ruler lets the later condition on the field win; the simulation requires both; settle it with `chatops verify --design F --run`.";
    PATTERN_RESERVED_WORD = "pattern-reserved-word-as-field":
        "A field named like an operator (prefix, numeric, exists, …): the guide is silent, Amazon SNS's filter policies read it as a plain field name and event-ruler rejects it inside $or; the simulation reads it as a field name; settle it with `chatops verify --design F --run`.";
    PATTERN_MALFORMED_OR = "pattern-malformed-or":
        "A $or that is not an array of objects: the guide is silent, event-ruler and Amazon SNS read it as a field named $or; the simulation follows them; settle it with `chatops verify --design F --run`.";
    PATTERN_EXACTLY = "pattern-exactly-operator":
        "The exactly operator: the guide's operator table does not list it, event-ruler accepts it as exact matching; the simulation rejects it as unknown; settle it with `chatops verify --design F --run`.";
    PATTERN_ANYTHING_BUT_EMPTY = "pattern-anything-but-empty-list":
        "anything-but with an empty list: the guide is silent, event-ruler accepts it beside other values and fails on it alone; the simulation rejects it; settle it with `chatops verify --design F --run`.";
    PATTERN_EXISTS_FALSE_ARRAY = "pattern-exists-false-in-array":
        "exists: false on a field inside an array of objects: the guide is silent, event-ruler reads the field as present in every element when any element has it; the simulation follows event-ruler; settle it with `chatops verify --design F --run`.";
}

/// Looks an assumption up by id.
pub fn by_id(id: &str) -> Option<Assumption> {
    ALL.iter().copied().find(|a| a.id == id)
}
