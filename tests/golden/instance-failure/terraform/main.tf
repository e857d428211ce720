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
      values   = ["arn:${data.aws_partition.current.partition}:events:${var.region}:${data.aws_caller_identity.current.account_id}:rule/codedeploy-instance-failure"]
    }
  }
}

resource "aws_sns_topic_policy" "chatops" {
  arn    = aws_sns_topic.chatops.arn
  policy = data.aws_iam_policy_document.topic.json
}

resource "aws_cloudwatch_event_rule" "chatops" {
  name          = "codedeploy-instance-failure"
  description   = "An instance failed during a deployment of the group"
  event_pattern = <<EOT
{
  "source": [
    "aws.codedeploy"
  ],
  "detail-type": [
    "CodeDeploy Instance State-change Notification"
  ],
  "detail": {
    "state": [
      "FAILURE"
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
      deploymentGroup = "$.detail.deploymentGroup"
      deploymentId    = "$.detail.deploymentId"
      instanceId      = "$.detail.instanceId"
      region          = "$.region"
      time            = "$.time"
    }
    input_template = trimsuffix(<<EOT
{
  "version": "1.0",
  "source": "custom",
  "content": {
    "textType": "client-markdown",
    "title": ":warning: Instance <instanceId> failed in deployment <deploymentId>",
    "description": "*Instance:* `<instanceId>`\n*Deployment group:* <deploymentGroup>\n*Region:* <region>\n*Time:* <time>",
    "nextSteps": ["Choose *Instance details* for the lifecycle events that failed", "Choose *Stop and roll back* to stop the deployment"],
    "keywords": ["CodeDeploy", "instance", "FAILURE"]
  },
  "metadata": {
    "threadId": "codedeploy-<deploymentId>",
    "additionalContext": {
      "ActionGroup": "instance-failure",
      "DeploymentId": "<deploymentId>",
      "InstanceId": "<instanceId>",
      "Region": "<region>"
    },
    "enableCustomActions": true
  }
}
EOT
    , "\n")
  }
}

resource "awscc_chatbot_custom_action" "instance_details" {
  action_name = "InstanceDetails"
  definition = {
    command_text = "codedeploy get-deployment-instance --deployment-id $DeploymentId --instance-id $InstanceId --region $Region"
  }
  attachments = [
    {
      notification_type = "Custom"
      button_text       = "🔍 Instance details"
      criteria = [
        {
          operator      = "EQUALS"
          variable_name = "ActionGroup"
          value         = "instance-failure"
        },
        {
          operator      = "HAS_VALUE"
          variable_name = "InstanceId"
        }
      ]
      variables = {
        ActionGroup  = "event.metadata.additionalContext.ActionGroup"
        DeploymentId = "event.metadata.additionalContext.DeploymentId"
        InstanceId   = "event.metadata.additionalContext.InstanceId"
        Region       = "event.metadata.additionalContext.Region"
      }
    }
  ]
}

resource "awscc_chatbot_custom_action" "stop_after_instance_failure" {
  action_name = "StopAfterInstanceFailure"
  definition = {
    command_text = "codedeploy stop-deployment --deployment-id $DeploymentId --region $Region --auto-rollback-enabled"
  }
  attachments = [
    {
      notification_type = "Custom"
      button_text       = "🛑 Stop and roll back"
      criteria = [
        {
          operator      = "EQUALS"
          variable_name = "ActionGroup"
          value         = "instance-failure"
        },
        {
          operator      = "HAS_VALUE"
          variable_name = "DeploymentId"
        }
      ]
      variables = {
        ActionGroup  = "event.metadata.additionalContext.ActionGroup"
        DeploymentId = "event.metadata.additionalContext.DeploymentId"
        Region       = "event.metadata.additionalContext.Region"
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
    sid       = "ButtonCommandsOnDeploymentgroup"
    effect    = "Allow"
    actions   = ["codedeploy:GetDeploymentInstance"]
    resources = ["arn:${data.aws_partition.current.partition}:codedeploy:${var.region}:${data.aws_caller_identity.current.account_id}:deploymentgroup:*/*"]
  }
  statement {
    sid       = "ButtonCommands"
    effect    = "Allow"
    actions   = ["codedeploy:StopDeployment"]
    resources = ["*"]
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
    awscc_chatbot_custom_action.instance_details.custom_action_arn,
    awscc_chatbot_custom_action.stop_after_instance_failure.custom_action_arn
  ]
}
