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
      values   = ["arn:${data.aws_partition.current.partition}:events:${var.region}:${data.aws_caller_identity.current.account_id}:rule/ecs-deployment-state"]
    }
  }
}

resource "aws_sns_topic_policy" "chatops" {
  arn    = aws_sns_topic.chatops.arn
  policy = data.aws_iam_policy_document.topic.json
}

resource "aws_cloudwatch_event_rule" "chatops" {
  name          = "ecs-deployment-state"
  description   = "Deployments of the ECS service"
  event_pattern = <<EOT
{
  "source": [
    "aws.ecs"
  ],
  "detail-type": [
    "ECS Deployment State Change"
  ],
  "resources": [
    "arn:aws:ecs:us-west-2:111122223333:service/${var.ecs_cluster}/${var.ecs_service}"
  ]
}
EOT
}

resource "aws_cloudwatch_event_target" "chatops" {
  rule      = aws_cloudwatch_event_rule.chatops.name
  target_id = "chatops-sns"
  arn       = aws_sns_topic.chatops.arn

  input_transformer {
    input_paths = {
      account      = "$.account"
      deploymentId = "$.detail.deploymentId"
      eventName    = "$.detail.eventName"
      eventType    = "$.detail.eventType"
      reason       = "$.detail.reason"
      region       = "$.region"
      time         = "$.time"
    }
    input_template = trimsuffix(<<EOT
{
  "version": "1.0",
  "source": "custom",
  "content": {
    "textType": "client-markdown",
    "title": "ECS deployment of ${var.ecs_service}: <eventName>",
    "description": "*Service:* ${var.ecs_service} (cluster ${var.ecs_cluster})\n*Deployment:* <deploymentId>\n*Reason:* <reason>\n*Severity:* <eventType>\n*Region:* <region>\n*Time:* <time>",
    "nextSteps": ["Choose *Describe service* for its deployments and recent events", "After a failure, fix the cause, then choose *Force new deployment*"],
    "keywords": ["ECS", "<eventType>"]
  },
  "metadata": {
    "threadId": "ecs-<deploymentId>",
    "additionalContext": {
      "ActionGroup": "ecs-deployment",
      "Cluster": "${var.ecs_cluster}",
      "Service": "${var.ecs_service}",
      "State": "<eventName>",
      "Region": "<region>"
    },
    "enableCustomActions": true
  }
}
EOT
    , "\n")
  }
}

resource "awscc_chatbot_custom_action" "describe_service" {
  action_name = "DescribeService"
  definition = {
    command_text = "ecs describe-services --cluster $Cluster --services $Service --region $Region"
  }
  attachments = [
    {
      notification_type = "Custom"
      button_text       = "🔍 Describe service"
      criteria = [
        {
          operator      = "EQUALS"
          variable_name = "ActionGroup"
          value         = "ecs-deployment"
        },
        {
          operator      = "HAS_VALUE"
          variable_name = "Service"
        }
      ]
      variables = {
        ActionGroup = "event.metadata.additionalContext.ActionGroup"
        Cluster     = "event.metadata.additionalContext.Cluster"
        Service     = "event.metadata.additionalContext.Service"
        Region      = "event.metadata.additionalContext.Region"
      }
    }
  ]
}

resource "awscc_chatbot_custom_action" "list_service_deployments" {
  action_name = "ListServiceDeployments"
  definition = {
    command_text = "ecs list-service-deployments --cluster $Cluster --service $Service --region $Region"
  }
  attachments = [
    {
      notification_type = "Custom"
      button_text       = "📋 Deployments"
      criteria = [
        {
          operator      = "EQUALS"
          variable_name = "ActionGroup"
          value         = "ecs-deployment"
        },
        {
          operator      = "HAS_VALUE"
          variable_name = "Service"
        }
      ]
      variables = {
        ActionGroup = "event.metadata.additionalContext.ActionGroup"
        Cluster     = "event.metadata.additionalContext.Cluster"
        Service     = "event.metadata.additionalContext.Service"
        Region      = "event.metadata.additionalContext.Region"
      }
    }
  ]
}

resource "awscc_chatbot_custom_action" "force_new_deployment" {
  action_name = "ForceNewDeployment"
  definition = {
    command_text = "ecs update-service --cluster $Cluster --service $Service --force-new-deployment --region $Region"
  }
  attachments = [
    {
      notification_type = "Custom"
      button_text       = "🔁 Force new deployment"
      criteria = [
        {
          operator      = "EQUALS"
          variable_name = "ActionGroup"
          value         = "ecs-deployment"
        },
        {
          operator      = "EQUALS"
          variable_name = "State"
          value         = "SERVICE_DEPLOYMENT_FAILED"
        }
      ]
      variables = {
        ActionGroup = "event.metadata.additionalContext.ActionGroup"
        Cluster     = "event.metadata.additionalContext.Cluster"
        Service     = "event.metadata.additionalContext.Service"
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
    sid       = "ButtonCommandsOnService"
    effect    = "Allow"
    actions   = ["ecs:DescribeServices", "ecs:ListServiceDeployments", "ecs:UpdateService"]
    resources = ["arn:${data.aws_partition.current.partition}:ecs:${var.region}:${data.aws_caller_identity.current.account_id}:service/${var.ecs_cluster}/${var.ecs_service}"]
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
    awscc_chatbot_custom_action.describe_service.custom_action_arn,
    awscc_chatbot_custom_action.list_service_deployments.custom_action_arn,
    awscc_chatbot_custom_action.force_new_deployment.custom_action_arn
  ]
}
