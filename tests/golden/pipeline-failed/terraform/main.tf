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
      values   = ["arn:${data.aws_partition.current.partition}:events:${var.region}:${data.aws_caller_identity.current.account_id}:rule/pipeline-execution", "arn:${data.aws_partition.current.partition}:events:${var.region}:${data.aws_caller_identity.current.account_id}:rule/pipeline-stage-failed"]
    }
  }
}

resource "aws_sns_topic_policy" "chatops" {
  arn    = aws_sns_topic.chatops.arn
  policy = data.aws_iam_policy_document.topic.json
}

resource "aws_cloudwatch_event_rule" "rule_pipeline_execution" {
  name          = "pipeline-execution"
  description   = "A pipeline execution starts, succeeds or fails"
  event_pattern = <<EOT
{
  "source": [
    "aws.codepipeline"
  ],
  "detail-type": [
    "CodePipeline Pipeline Execution State Change"
  ],
  "detail": {
    "state": [
      "STARTED",
      "SUCCEEDED",
      "FAILED"
    ],
    "pipeline": [
      "${var.codepipeline_pipeline}"
    ]
  }
}
EOT
}

resource "aws_cloudwatch_event_target" "rule_pipeline_execution" {
  rule      = aws_cloudwatch_event_rule.rule_pipeline_execution.name
  target_id = "chatops-sns"
  arn       = aws_sns_topic.chatops.arn

  input_transformer {
    input_paths = {
      executionId = "$.detail.execution-id"
      pipeline    = "$.detail.pipeline"
      region      = "$.region"
      state       = "$.detail.state"
      time        = "$.time"
    }
    input_template = trimsuffix(<<EOT
{
  "version": "1.0",
  "source": "custom",
  "content": {
    "textType": "client-markdown",
    "title": "Pipeline <pipeline>: <state>",
    "description": "*Execution:* <executionId>\n*Region:* <region>\n*Time:* <time>",
    "keywords": ["CodePipeline", "<state>"]
  },
  "metadata": {
    "threadId": "pipeline-<executionId>",
    "additionalContext": {
      "ActionGroup": "pipeline-execution",
      "Pipe": "<pipeline>",
      "Id": "<executionId>",
      "State": "<state>",
      "Rgn": "<region>"
    },
    "enableCustomActions": true
  }
}
EOT
    , "\n")
  }
}

resource "aws_cloudwatch_event_rule" "rule_pipeline_stage_failed" {
  name          = "pipeline-stage-failed"
  description   = "A stage of the pipeline fails"
  event_pattern = <<EOT
{
  "source": [
    "aws.codepipeline"
  ],
  "detail-type": [
    "CodePipeline Stage Execution State Change"
  ],
  "detail": {
    "state": [
      "FAILED"
    ],
    "pipeline": [
      "${var.codepipeline_pipeline}"
    ]
  }
}
EOT
}

resource "aws_cloudwatch_event_target" "rule_pipeline_stage_failed" {
  rule      = aws_cloudwatch_event_rule.rule_pipeline_stage_failed.name
  target_id = "chatops-sns"
  arn       = aws_sns_topic.chatops.arn

  input_transformer {
    input_paths = {
      executionId = "$.detail.execution-id"
      pipeline    = "$.detail.pipeline"
      region      = "$.region"
      stage       = "$.detail.stage"
      time        = "$.time"
    }
    input_template = trimsuffix(<<EOT
{
  "version": "1.0",
  "source": "custom",
  "content": {
    "textType": "client-markdown",
    "title": ":rotating_light: Stage <stage> of <pipeline> failed",
    "description": "*Execution:* <executionId>\n*Region:* <region>\n*Time:* <time>",
    "nextSteps": ["Choose *Execution* for the failed actions' errors", "Once fixed, choose *Retry stage* to rerun its failed actions in the same execution"],
    "keywords": ["CodePipeline", "FAILED"]
  },
  "metadata": {
    "threadId": "pipeline-<executionId>",
    "additionalContext": {
      "ActionGroup": "stage-failed",
      "Pipe": "<pipeline>",
      "Stage": "<stage>",
      "Id": "<executionId>",
      "Rgn": "<region>"
    },
    "enableCustomActions": true
  }
}
EOT
    , "\n")
  }
}

resource "awscc_chatbot_custom_action" "retry_stage" {
  action_name = "RetryStage"
  definition = {
    command_text = "codepipeline retry-stage-execution --pipeline-name $Pipe --stage-name $Stage --pipeline-execution-id $Id --retry-mode FAILED_ACTIONS --region $Rgn"
  }
  attachments = [
    {
      notification_type = "Custom"
      button_text       = "🔁 Retry stage"
      criteria = [
        {
          operator      = "EQUALS"
          variable_name = "ActionGroup"
          value         = "stage-failed"
        },
        {
          operator      = "HAS_VALUE"
          variable_name = "Stage"
        }
      ]
      variables = {
        ActionGroup = "event.metadata.additionalContext.ActionGroup"
        Pipe        = "event.metadata.additionalContext.Pipe"
        Stage       = "event.metadata.additionalContext.Stage"
        Id          = "event.metadata.additionalContext.Id"
        Rgn         = "event.metadata.additionalContext.Rgn"
      }
    }
  ]
}

resource "awscc_chatbot_custom_action" "get_execution" {
  action_name = "GetExecution"
  definition = {
    command_text = "codepipeline get-pipeline-execution --pipeline-name $Pipe --pipeline-execution-id $Id --region $Rgn"
  }
  attachments = [
    {
      notification_type = "Custom"
      button_text       = "🔍 Execution"
      criteria = [
        {
          operator      = "HAS_VALUE"
          variable_name = "Pipe"
        },
        {
          operator      = "HAS_VALUE"
          variable_name = "Id"
        }
      ]
      variables = {
        Pipe = "event.metadata.additionalContext.Pipe"
        Id   = "event.metadata.additionalContext.Id"
        Rgn  = "event.metadata.additionalContext.Rgn"
      }
    }
  ]
}

resource "awscc_chatbot_custom_action" "stop_execution" {
  action_name = "StopExecution"
  definition = {
    command_text = "codepipeline stop-pipeline-execution --pipeline-name $Pipe --pipeline-execution-id $Id --region $Rgn"
  }
  attachments = [
    {
      notification_type = "Custom"
      button_text       = "⏹ Stop"
      criteria = [
        {
          operator      = "EQUALS"
          variable_name = "ActionGroup"
          value         = "pipeline-execution"
        },
        {
          operator      = "EQUALS"
          variable_name = "State"
          value         = "STARTED"
        }
      ]
      variables = {
        ActionGroup = "event.metadata.additionalContext.ActionGroup"
        Pipe        = "event.metadata.additionalContext.Pipe"
        Id          = "event.metadata.additionalContext.Id"
        State       = "event.metadata.additionalContext.State"
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
    sid       = "ButtonCommandsOnPipeline"
    effect    = "Allow"
    actions   = ["codepipeline:GetPipelineExecution", "codepipeline:StopPipelineExecution"]
    resources = ["arn:${data.aws_partition.current.partition}:codepipeline:${var.region}:${data.aws_caller_identity.current.account_id}:${var.codepipeline_pipeline}"]
  }
  statement {
    sid       = "ButtonCommandsOnStage"
    effect    = "Allow"
    actions   = ["codepipeline:RetryStageExecution"]
    resources = ["arn:${data.aws_partition.current.partition}:codepipeline:${var.region}:${data.aws_caller_identity.current.account_id}:${var.codepipeline_pipeline}/*"]
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
    awscc_chatbot_custom_action.retry_stage.custom_action_arn,
    awscc_chatbot_custom_action.get_execution.custom_action_arn,
    awscc_chatbot_custom_action.stop_execution.custom_action_arn
  ]
}
