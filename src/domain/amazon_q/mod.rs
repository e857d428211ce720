//! Layer 4: what Amazon Q Developer in chat applications does with a message: which custom
//! notifications it delivers, which Custom Action buttons appear and what their commands run (with
//! the IAM permissions a command needs), how Slack mrkdwn and Teams markdown read, and the evidence
//! behind every element the preview draws.

pub mod actions;
pub mod evidence;
pub mod iam;
pub mod limits;
pub mod mrkdwn;
pub mod notification;
pub mod teams_md;
