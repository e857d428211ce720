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
      values   = ["arn:${data.aws_partition.current.partition}:events:${var.region}:${data.aws_caller_identity.current.account_id}:rule/cloudwatch-alarm-state"]
    }
  }
}

resource "aws_sns_topic_policy" "chatops" {
  arn    = aws_sns_topic.chatops.arn
  policy = data.aws_iam_policy_document.topic.json
}

resource "aws_cloudwatch_event_rule" "chatops" {
  name          = "cloudwatch-alarm-state"
  description   = "The alarm goes to ALARM or back to OK"
  event_pattern = <<EOT
{
  "source": [
    "aws.cloudwatch"
  ],
  "detail-type": [
    "CloudWatch Alarm State Change"
  ],
  "detail": {
    "alarmName": [
      "${var.cloudwatch_alarm}"
    ],
    "state": {
      "value": [
        "ALARM",
        "OK"
      ]
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
      account   = "$.account"
      alarmName = "$.detail.alarmName"
      previous  = "$.detail.previousState.value"
      reason    = "$.detail.state.reason"
      region    = "$.region"
      state     = "$.detail.state.value"
      time      = "$.time"
    }
    input_template = trimsuffix(<<EOT
{
  "version": "1.0",
  "source": "custom",
  "content": {
    "textType": "client-markdown",
    "title": "CloudWatch alarm <alarmName>: <previous> → <state>",
    "description": "*Reason:* <reason>\n*Account:* <account>  *Region:* <region>\n*Time:* <time>",
    "nextSteps": ["Choose *History* for the alarm's last state changes", "While it is in ALARM, *Mute actions* stops its notifications and actions until you *Unmute*"],
    "keywords": ["CloudWatch", "<state>"]
  },
  "metadata": {
    "threadId": "alarm-<alarmName>",
    "additionalContext": {
      "ActionGroup": "cloudwatch-alarm",
      "AlarmName": "<alarmName>",
      "State": "<state>",
      "Region": "<region>"
    },
    "enableCustomActions": true
  }
}
EOT
    , "\n")
  }
}

resource "awscc_chatbot_custom_action" "alarm_history" {
  action_name = "AlarmHistory"
  definition = {
    command_text = "cloudwatch describe-alarm-history --alarm-name $AlarmName --max-records 5 --region $Region"
  }
  attachments = [
    {
      notification_type = "Custom"
      button_text       = "🕘 History"
      criteria = [
        {
          operator      = "EQUALS"
          variable_name = "ActionGroup"
          value         = "cloudwatch-alarm"
        },
        {
          operator      = "HAS_VALUE"
          variable_name = "AlarmName"
        }
      ]
      variables = {
        ActionGroup = "event.metadata.additionalContext.ActionGroup"
        AlarmName   = "event.metadata.additionalContext.AlarmName"
        Region      = "event.metadata.additionalContext.Region"
      }
    }
  ]
}

resource "awscc_chatbot_custom_action" "mute_alarm_actions" {
  action_name = "MuteAlarmActions"
  definition = {
    command_text = "cloudwatch disable-alarm-actions --alarm-names $AlarmName --region $Region"
  }
  attachments = [
    {
      notification_type = "Custom"
      button_text       = "🔕 Mute actions"
      criteria = [
        {
          operator      = "EQUALS"
          variable_name = "ActionGroup"
          value         = "cloudwatch-alarm"
        },
        {
          operator      = "EQUALS"
          variable_name = "State"
          value         = "ALARM"
        }
      ]
      variables = {
        ActionGroup = "event.metadata.additionalContext.ActionGroup"
        AlarmName   = "event.metadata.additionalContext.AlarmName"
        State       = "event.metadata.additionalContext.State"
        Region      = "event.metadata.additionalContext.Region"
      }
    }
  ]
}

resource "awscc_chatbot_custom_action" "unmute_alarm_actions" {
  action_name = "UnmuteAlarmActions"
  definition = {
    command_text = "cloudwatch enable-alarm-actions --alarm-names $AlarmName --region $Region"
  }
  attachments = [
    {
      notification_type = "Custom"
      button_text       = "🔔 Unmute"
      criteria = [
        {
          operator      = "EQUALS"
          variable_name = "ActionGroup"
          value         = "cloudwatch-alarm"
        },
        {
          operator      = "EQUALS"
          variable_name = "State"
          value         = "OK"
        }
      ]
      variables = {
        ActionGroup = "event.metadata.additionalContext.ActionGroup"
        AlarmName   = "event.metadata.additionalContext.AlarmName"
        State       = "event.metadata.additionalContext.State"
        Region      = "event.metadata.additionalContext.Region"
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
    sid       = "ButtonCommandsOnAlarm"
    effect    = "Allow"
    actions   = ["cloudwatch:DescribeAlarmHistory", "cloudwatch:DisableAlarmActions", "cloudwatch:EnableAlarmActions"]
    resources = ["arn:${data.aws_partition.current.partition}:cloudwatch:${var.region}:${data.aws_caller_identity.current.account_id}:alarm:${var.cloudwatch_alarm}"]
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
    awscc_chatbot_custom_action.alarm_history.custom_action_arn,
    awscc_chatbot_custom_action.mute_alarm_actions.custom_action_arn,
    awscc_chatbot_custom_action.unmute_alarm_actions.custom_action_arn
  ]
}
