terraform {
  required_version = ">= 1.4.0"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 5.0, < 7.0"
    }
    awscc = {
      source  = "hashicorp/awscc"
      version = ">= 1.25.0, < 2.0.0"
    }
  }
}

provider "aws" {
  region = var.region
}

provider "awscc" {
  region = var.chatbot_region
}

data "aws_caller_identity" "current" {}

data "aws_partition" "current" {}

resource "aws_kms_key" "chatops" {
  description         = "Encrypts the ChatOps SNS topic; EventBridge may use it to publish"
  enable_key_rotation = true
  policy              = data.aws_iam_policy_document.topic_key.json
}

data "aws_iam_policy_document" "topic_key" {
  #checkov:skip=CKV_AWS_109:a key policy's Resource * is this key only, and the account root administers it as AWS's default key policy does
  #checkov:skip=CKV_AWS_111:a key policy's Resource * is this key only
  #checkov:skip=CKV_AWS_356:a key policy's Resource * is this key only
  statement {
    sid       = "AccountAdministersTheKey"
    effect    = "Allow"
    actions   = ["kms:*"]
    resources = ["*"]

    principals {
      type        = "AWS"
      identifiers = ["arn:${data.aws_partition.current.partition}:iam::${data.aws_caller_identity.current.account_id}:root"]
    }
  }
  statement {
    sid       = "EventBridgePublishesToTheTopic"
    effect    = "Allow"
    actions   = ["kms:Decrypt", "kms:GenerateDataKey"]
    resources = ["*"]

    principals {
      type        = "Service"
      identifiers = ["events.amazonaws.com"]
    }

    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [data.aws_caller_identity.current.account_id]
    }
  }
}

resource "aws_sns_topic" "chatops" {
  name              = var.sns_topic_name
  kms_master_key_id = aws_kms_key.chatops.arn
}

data "aws_iam_policy_document" "topic" {
  statement {
    sid       = "AllowEventBridgePublish"
    effect    = "Allow"
    actions   = ["sns:Publish"]
    resources = [aws_sns_topic.chatops.arn]

    principals {
      type        = "Service"
      identifiers = ["events.amazonaws.com"]
    }

    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [data.aws_caller_identity.current.account_id]
    }

    condition {
      test     = "StringEquals"
      variable = "aws:SourceArn"
      values   = ["arn:${data.aws_partition.current.partition}:events:${var.region}:${data.aws_caller_identity.current.account_id}:rule/securityhub-critical-new"]
    }
  }
}

resource "aws_sns_topic_policy" "chatops" {
  arn    = aws_sns_topic.chatops.arn
  policy = data.aws_iam_policy_document.topic.json
}

resource "aws_cloudwatch_event_rule" "chatops" {
  name          = "securityhub-critical-new"
  description   = "A new CRITICAL finding is imported into Security Hub"
  event_pattern = <<EOT
{
  "source": [
    "aws.securityhub"
  ],
  "detail-type": [
    "Security Hub Findings - Imported"
  ],
  "detail": {
    "findings": {
      "Severity": {
        "Label": [
          "${var.securityhub_severity}"
        ]
      },
      "Workflow": {
        "Status": [
          "NEW"
        ]
      }
    }
  }
}
EOT
}

resource "aws_cloudwatch_event_target" "chatops" {
  rule      = aws_cloudwatch_event_rule.chatops.name
  target_id = "chatops-sns"
  arn       = aws_sns_topic.chatops.arn

  input_transformer {
    input_paths = {
      account    = "$.detail.findings[0].AwsAccountId"
      findingId  = "$.detail.findings[0].Id"
      productArn = "$.detail.findings[0].ProductArn"
      region     = "$.region"
      severity   = "$.detail.findings[0].Severity.Label"
      title      = "$.detail.findings[0].Title"
      updated    = "$.detail.findings[0].UpdatedAt"
    }
    input_template = trimsuffix(<<EOT
{
  "version": "1.0",
  "source": "custom",
  "content": {
    "textType": "client-markdown",
    "title": ":rotating_light: Security Hub <severity>: <title>",
    "description": "*Account:* <account>  *Region:* <region>\n*Updated:* <updated>\n*Finding:* <findingId>",
    "nextSteps": ["Open the finding in Security Hub for its resources and remediation", "Choose *Notified* once the owner knows, *Resolved* once fixed"],
    "keywords": ["SecurityHub", "<severity>"]
  },
  "metadata": {
    "additionalContext": {
      "ActionGroup": "securityhub-finding",
      "Id": "<findingId>",
      "Arn": "<productArn>",
      "Rgn": "<region>"
    },
    "enableCustomActions": true
  }
}
EOT
    , "\n")
  }
}

resource "awscc_chatbot_custom_action" "mark_notified" {
  action_name = "MarkNotified"
  definition = {
    command_text = "securityhub batch-update-findings --finding-identifiers Id=$Id,ProductArn=$Arn --workflow Status=NOTIFIED --region $Rgn"
  }
  attachments = [
    {
      notification_type = "Custom"
      button_text       = "📣 Notified"
      criteria = [
        {
          operator      = "EQUALS"
          variable_name = "ActionGroup"
          value         = "securityhub-finding"
        },
        {
          operator      = "HAS_VALUE"
          variable_name = "Id"
        }
      ]
      variables = {
        ActionGroup = "event.metadata.additionalContext.ActionGroup"
        Id          = "event.metadata.additionalContext.Id"
        Arn         = "event.metadata.additionalContext.Arn"
        Rgn         = "event.metadata.additionalContext.Rgn"
      }
    }
  ]
}

resource "awscc_chatbot_custom_action" "mark_resolved" {
  action_name = "MarkResolved"
  definition = {
    command_text = "securityhub batch-update-findings --finding-identifiers Id=$Id,ProductArn=$Arn --workflow Status=RESOLVED --region $Rgn"
  }
  attachments = [
    {
      notification_type = "Custom"
      button_text       = "✅ Resolved"
      criteria = [
        {
          operator      = "EQUALS"
          variable_name = "ActionGroup"
          value         = "securityhub-finding"
        },
        {
          operator      = "HAS_VALUE"
          variable_name = "Id"
        }
      ]
      variables = {
        ActionGroup = "event.metadata.additionalContext.ActionGroup"
        Id          = "event.metadata.additionalContext.Id"
        Arn         = "event.metadata.additionalContext.Arn"
        Rgn         = "event.metadata.additionalContext.Rgn"
      }
    }
  ]
}

data "aws_iam_policy_document" "channel_trust" {
  statement {
    effect  = "Allow"
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["chatbot.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "channel" {
  name_prefix        = "chatops-channel-"
  assume_role_policy = data.aws_iam_policy_document.channel_trust.json
}

data "aws_iam_policy_document" "buttons" {
  statement {
    sid       = "ButtonCommandsOnHub"
    effect    = "Allow"
    actions   = ["securityhub:BatchUpdateFindings"]
    resources = ["arn:${data.aws_partition.current.partition}:securityhub:${var.region}:${data.aws_caller_identity.current.account_id}:hub/default"]
  }
  statement {
    sid       = "ButtonCommandsOnHubv2"
    effect    = "Allow"
    actions   = ["securityhub:BatchUpdateFindings"]
    resources = ["arn:${data.aws_partition.current.partition}:securityhub:${var.region}:${data.aws_caller_identity.current.account_id}:hubv2/*"]
  }
}

resource "aws_iam_role_policy" "buttons" {
  name   = "chatops-button-commands"
  role   = aws_iam_role.channel.id
  policy = data.aws_iam_policy_document.buttons.json
}

resource "aws_iam_policy" "guardrail" {
  name_prefix = "chatops-guardrail-"
  description = "Guardrail: what any command run from the channel may do"
  policy      = data.aws_iam_policy_document.buttons.json
}

resource "awscc_chatbot_slack_channel_configuration" "channel" {
  configuration_name = var.channel_configuration_name
  iam_role_arn       = aws_iam_role.channel.arn
  slack_workspace_id = var.slack_workspace_id
  slack_channel_id   = var.slack_channel_id
  sns_topic_arns     = [aws_sns_topic.chatops.arn]
  logging_level      = "ERROR"
  guardrail_policies = [aws_iam_policy.guardrail.arn]
  customization_resource_arns = [
    awscc_chatbot_custom_action.mark_notified.custom_action_arn,
    awscc_chatbot_custom_action.mark_resolved.custom_action_arn
  ]
}
