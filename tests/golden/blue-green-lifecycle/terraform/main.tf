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
      values   = ["arn:${data.aws_partition.current.partition}:events:${var.region}:${data.aws_caller_identity.current.account_id}:rule/codedeploy-bluegreen-start", "arn:${data.aws_partition.current.partition}:events:${var.region}:${data.aws_caller_identity.current.account_id}:rule/codedeploy-bluegreen-ready", "arn:${data.aws_partition.current.partition}:events:${var.region}:${data.aws_caller_identity.current.account_id}:rule/codedeploy-bluegreen-done"]
    }
  }
}

resource "aws_sns_topic_policy" "chatops" {
  arn    = aws_sns_topic.chatops.arn
  policy = data.aws_iam_policy_document.topic.json
}

resource "aws_cloudwatch_event_rule" "rule_codedeploy_bluegreen_start" {
  name          = "codedeploy-bluegreen-start"
  description   = "A blue/green deployment started"
  event_pattern = <<EOT
{
  "source": [
    "aws.codedeploy"
  ],
  "detail-type": [
    "CodeDeploy Deployment State-change Notification"
  ],
  "detail": {
    "state": [
      "START"
    ],
    "deploymentGroup": [
      "${var.codedeploy_deployment_group}"
    ]
  }
}
EOT
}

resource "aws_cloudwatch_event_target" "rule_codedeploy_bluegreen_start" {
  rule      = aws_cloudwatch_event_rule.rule_codedeploy_bluegreen_start.name
  target_id = "chatops-sns"
  arn       = aws_sns_topic.chatops.arn

  input_transformer {
    input_paths = {
      account         = "$.account"
      deploymentGroup = "$.detail.deploymentGroup"
      deploymentId    = "$.detail.deploymentId"
      region          = "$.region"
      state           = "$.detail.state"
      time            = "$.time"
    }
    input_template = trimsuffix(<<EOT
{
  "version": "1.0",
  "source": "custom",
  "content": {
    "textType": "client-markdown",
    "title": ":arrow_forward: Deployment <deploymentId> started",
    "description": "*Deployment group:* <deploymentGroup>\n*Deployment ID:* <deploymentId>\n*Time:* <time>",
    "nextSteps": ["Follow this thread: the green environment is announced here when it is ready for validation"],
    "keywords": ["CodeDeploy", "<state>"]
  },
  "metadata": {
    "threadId": "codedeploy-<deploymentId>",
    "summary": "Deployment <deploymentId> started",
    "additionalContext": {
      "DeploymentId": "<deploymentId>",
      "Region": "<region>"
    }
  }
}
EOT
    , "\n")
  }
}

resource "aws_cloudwatch_event_rule" "rule_codedeploy_bluegreen_ready" {
  name          = "codedeploy-bluegreen-ready"
  description   = "A blue/green deployment is ready for validation"
  event_pattern = <<EOT
{
  "source": [
    "aws.codedeploy"
  ],
  "detail-type": [
    "CodeDeploy Deployment State-change Notification"
  ],
  "detail": {
    "state": [
      "READY"
    ],
    "deploymentGroup": [
      "${var.codedeploy_deployment_group}"
    ]
  }
}
EOT
}

resource "aws_cloudwatch_event_target" "rule_codedeploy_bluegreen_ready" {
  rule      = aws_cloudwatch_event_rule.rule_codedeploy_bluegreen_ready.name
  target_id = "chatops-sns"
  arn       = aws_sns_topic.chatops.arn

  input_transformer {
    input_paths = {
      account         = "$.account"
      deploymentGroup = "$.detail.deploymentGroup"
      deploymentId    = "$.detail.deploymentId"
      region          = "$.region"
      time            = "$.time"
    }
    input_template = trimsuffix(<<EOT
{
  "version": "1.0",
  "source": "custom",
  "content": {
    "textType": "client-markdown",
    "title": ":large_blue_circle::large_green_circle: Deployment is now ready for validation",
    "description": "*Account:* <account>\n*Region:* <region>\n*Deployment group:* <deploymentGroup>\n*Deployment ID:* <deploymentId>\n*Time:* <time>",
    "nextSteps": ["Validate the green environment at ${var.param_green_url}", "When it works, choose *Switch task sets* to shift production traffic, then *Terminate old task set*", "When it does not, choose *Rollback*"],
    "keywords": ["CodeDeploy", "blue/green"]
  },
  "metadata": {
    "threadId": "codedeploy-<deploymentId>",
    "summary": "Deployment <deploymentId> is ready for validation",
    "additionalContext": {
      "ActionGroup": "blue-green-deployment",
      "DeploymentId": "<deploymentId>",
      "Region": "<region>"
    },
    "enableCustomActions": true
  }
}
EOT
    , "\n")
  }
}

resource "aws_cloudwatch_event_rule" "rule_codedeploy_bluegreen_done" {
  name          = "codedeploy-bluegreen-done"
  description   = "A blue/green deployment succeeded or failed"
  event_pattern = <<EOT
{
  "source": [
    "aws.codedeploy"
  ],
  "detail-type": [
    "CodeDeploy Deployment State-change Notification"
  ],
  "detail": {
    "state": [
      "SUCCESS",
      "FAILURE"
    ],
    "deploymentGroup": [
      "${var.codedeploy_deployment_group}"
    ]
  }
}
EOT
}

resource "aws_cloudwatch_event_target" "rule_codedeploy_bluegreen_done" {
  rule      = aws_cloudwatch_event_rule.rule_codedeploy_bluegreen_done.name
  target_id = "chatops-sns"
  arn       = aws_sns_topic.chatops.arn

  input_transformer {
    input_paths = {
      account         = "$.account"
      deploymentGroup = "$.detail.deploymentGroup"
      deploymentId    = "$.detail.deploymentId"
      region          = "$.region"
      state           = "$.detail.state"
      time            = "$.time"
    }
    input_template = trimsuffix(<<EOT
{
  "version": "1.0",
  "source": "custom",
  "content": {
    "textType": "client-markdown",
    "title": ":checkered_flag: Deployment <deploymentId>: <state>",
    "description": "*Deployment group:* <deploymentGroup>\n*Deployment ID:* <deploymentId>\n*State:* `<state>`\n*Time:* <time>",
    "nextSteps": ["On FAILURE, open the deployment in the CodeDeploy console to see which lifecycle event failed"],
    "keywords": ["CodeDeploy", "<state>"]
  },
  "metadata": {
    "threadId": "codedeploy-<deploymentId>",
    "summary": "Deployment <deploymentId> ended: <state>",
    "additionalContext": {
      "DeploymentId": "<deploymentId>",
      "Region": "<region>"
    }
  }
}
EOT
    , "\n")
  }
}

resource "awscc_chatbot_custom_action" "switch_tasks" {
  action_name = "SwitchTasks"
  definition = {
    command_text = "codedeploy continue-deployment --deployment-id $DeploymentId --region $Region --deployment-wait-type READY_WAIT"
  }
  attachments = [
    {
      notification_type = "Custom"
      button_text       = "🔁 Switch task sets"
      criteria = [
        {
          operator      = "EQUALS"
          variable_name = "ActionGroup"
          value         = "blue-green-deployment"
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

resource "awscc_chatbot_custom_action" "rollback_deployment" {
  action_name = "RollbackDeployment"
  definition = {
    command_text = "codedeploy stop-deployment --deployment-id $DeploymentId --region $Region --auto-rollback-enabled"
  }
  attachments = [
    {
      notification_type = "Custom"
      button_text       = "🔙 Rollback"
      criteria = [
        {
          operator      = "EQUALS"
          variable_name = "ActionGroup"
          value         = "blue-green-deployment"
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

resource "awscc_chatbot_custom_action" "terminate_old_task" {
  action_name = "TerminateOldTask"
  definition = {
    command_text = "codedeploy continue-deployment --deployment-id $DeploymentId --region $Region --deployment-wait-type TERMINATION_WAIT"
  }
  attachments = [
    {
      notification_type = "Custom"
      button_text       = "🧹 Terminate old task set"
      criteria = [
        {
          operator      = "EQUALS"
          variable_name = "ActionGroup"
          value         = "blue-green-deployment"
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
    sid       = "ButtonCommands"
    effect    = "Allow"
    actions   = ["codedeploy:ContinueDeployment", "codedeploy:StopDeployment"]
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
    awscc_chatbot_custom_action.switch_tasks.custom_action_arn,
    awscc_chatbot_custom_action.rollback_deployment.custom_action_arn,
    awscc_chatbot_custom_action.terminate_old_task.custom_action_arn
  ]
}
