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

resource "aws_cloudwatch_event_rule" "chatops" {
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

resource "aws_cloudwatch_event_target" "chatops" {
  rule      = aws_cloudwatch_event_rule.chatops.name
  target_id = "chatops-sns"
  arn       = var.sns_topic_arn

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

resource "aws_cloudwatch_log_group" "events" {
  #checkov:skip=CKV_AWS_158:CloudWatch Logs encrypts every log group at rest; these are the events the rule matches, and a customer managed key would need a key policy for logs.amazonaws.com as well
  name              = "/aws/events/codedeploy-bluegreen-ready"
  retention_in_days = 365
}

data "aws_iam_policy_document" "events_log" {
  statement {
    sid       = "EventBridgeWritesMatchedEvents"
    effect    = "Allow"
    actions   = ["logs:CreateLogStream", "logs:PutLogEvents"]
    resources = ["${aws_cloudwatch_log_group.events.arn}:*"]

    principals {
      type        = "Service"
      identifiers = ["events.amazonaws.com", "delivery.logs.amazonaws.com"]
    }
  }
}

resource "aws_cloudwatch_log_resource_policy" "events" {
  policy_name     = "codedeploy-bluegreen-ready-events"
  policy_document = data.aws_iam_policy_document.events_log.json
}

resource "aws_cloudwatch_event_target" "events_log" {
  rule      = aws_cloudwatch_event_rule.chatops.name
  target_id = "chatops-log"
  arn       = aws_cloudwatch_log_group.events.arn
}
