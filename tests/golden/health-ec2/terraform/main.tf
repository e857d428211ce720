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
      values   = ["arn:${data.aws_partition.current.partition}:events:${var.region}:${data.aws_caller_identity.current.account_id}:rule/health-issues-and-changes"]
    }
  }
}

resource "aws_sns_topic_policy" "chatops" {
  arn    = aws_sns_topic.chatops.arn
  policy = data.aws_iam_policy_document.topic.json
}

resource "aws_cloudwatch_event_rule" "chatops" {
  name          = "health-issues-and-changes"
  description   = "AWS Health issues and scheduled changes of the service"
  event_pattern = <<EOT
{
  "source": [
    "aws.health"
  ],
  "detail-type": [
    "AWS Health Event"
  ],
  "detail": {
    "service": [
      "${var.health_service}"
    ],
    "eventTypeCategory": [
      "issue",
      "scheduledChange"
    ]
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
      category = "$.detail.eventTypeCategory"
      code     = "$.detail.eventTypeCode"
      eventArn = "$.detail.eventArn"
      region   = "$.detail.eventRegion"
      service  = "$.detail.service"
      start    = "$.detail.startTime"
      status   = "$.detail.statusCode"
    }
    input_template = trimsuffix(<<EOT
{
  "version": "1.0",
  "source": "custom",
  "content": {
    "textType": "client-markdown",
    "title": "AWS Health <category>: <code>",
    "description": "*Service:* <service>  *Region:* <region>\n*Status:* <status>\n*Start:* <start>",
    "nextSteps": ["Choose *Details* for AWS's latest description", "Choose *Affected* for the resources of yours it names"],
    "keywords": ["AWSHealth", "<service>"]
  },
  "metadata": {
    "threadId": "health-<eventArn>",
    "additionalContext": {
      "ActionGroup": "health-event",
      "EventArn": "<eventArn>"
    },
    "enableCustomActions": true
  }
}
EOT
    , "\n")
  }
}

resource "awscc_chatbot_custom_action" "event_details" {
  action_name = "EventDetails"
  definition = {
    command_text = "health describe-event-details --event-arns $EventArn --region us-east-1"
  }
  attachments = [
    {
      notification_type = "Custom"
      button_text       = "🔍 Details"
      criteria = [
        {
          operator      = "EQUALS"
          variable_name = "ActionGroup"
          value         = "health-event"
        },
        {
          operator      = "HAS_VALUE"
          variable_name = "EventArn"
        }
      ]
      variables = {
        ActionGroup = "event.metadata.additionalContext.ActionGroup"
        EventArn    = "event.metadata.additionalContext.EventArn"
      }
    }
  ]
}

resource "awscc_chatbot_custom_action" "affected_entities" {
  action_name = "AffectedEntities"
  definition = {
    command_text = "health describe-affected-entities --filter eventArns=$EventArn --region us-east-1"
  }
  attachments = [
    {
      notification_type = "Custom"
      button_text       = "📋 Affected"
      criteria = [
        {
          operator      = "EQUALS"
          variable_name = "ActionGroup"
          value         = "health-event"
        },
        {
          operator      = "HAS_VALUE"
          variable_name = "EventArn"
        }
      ]
      variables = {
        ActionGroup = "event.metadata.additionalContext.ActionGroup"
        EventArn    = "event.metadata.additionalContext.EventArn"
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
    sid       = "ButtonCommandsOnEvent"
    effect    = "Allow"
    actions   = ["health:DescribeAffectedEntities", "health:DescribeEventDetails"]
    resources = ["arn:${data.aws_partition.current.partition}:health:*::event/${var.health_service}/*/*"]
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
    awscc_chatbot_custom_action.event_details.custom_action_arn,
    awscc_chatbot_custom_action.affected_entities.custom_action_arn
  ]
}
