import * as cdk from "aws-cdk-lib";
import * as chatbot from "aws-cdk-lib/aws-chatbot";
import * as events from "aws-cdk-lib/aws-events";
import * as iam from "aws-cdk-lib/aws-iam";
import * as kms from "aws-cdk-lib/aws-kms";
import * as sns from "aws-cdk-lib/aws-sns";
import { Construct } from "constructs";

/** The ChatOps stack designed in ChatOps Designer: its CloudFormation export, as L1 constructs. */
export class ChatOpsStack extends cdk.Stack {
  constructor(scope: Construct, id: string, props?: cdk.StackProps) {
    super(scope, id, { description: "ChatOps Designer: Pipeline executions in one thread, a failed stage with retry", ...props });
    this.templateOptions.templateFormatVersion = "2010-09-09";

    // Deployment settings, checked as in the other exports: cdk deploy --parameters NAME=VALUE
    const snsTopicName = new cdk.CfnParameter(this, "SnsTopicName", {
      type: "String",
      description: "Name of the SNS topic the rule publishes to and the channel subscribes to",
      default: "chatops-pipelines",
      allowedPattern: "^[A-Za-z0-9_-]{1,256}$",
      constraintDescription: "must match ^[A-Za-z0-9_-]{1,256}$",
    });
    const slackWorkspaceId = new cdk.CfnParameter(this, "SlackWorkspaceId", {
      type: "String",
      description: "Slack workspace (team) id, already authorized in the Amazon Q Developer console",
      default: "T0123ABCDEF",
      allowedPattern: "^[0-9A-Z]{1,255}$",
      constraintDescription: "must match ^[0-9A-Z]{1,255}$",
    });
    const slackChannelId = new cdk.CfnParameter(this, "SlackChannelId", {
      type: "String",
      description: "Slack channel id (the end of the channel's copied link)",
      default: "C0123ABCDEF",
      allowedPattern: "^[A-Za-z0-9]{1,255}$",
      constraintDescription: "must match ^[A-Za-z0-9]{1,255}$",
    });
    const channelConfigurationName = new cdk.CfnParameter(this, "ChannelConfigurationName", {
      type: "String",
      description: "Name of the Slack channel configuration",
      default: "chatops-pipelines",
      allowedPattern: "^[A-Za-z0-9_-]{1,128}$",
      constraintDescription: "must match ^[A-Za-z0-9_-]{1,128}$",
    });
    const codepipelinePipeline = new cdk.CfnParameter(this, "CodepipelinePipeline", {
      type: "String",
      description: "CodePipeline pipeline whose executions the rule matches and the buttons act on",
      default: "myPipeline",
      allowedPattern: "^[A-Za-z0-9.@_-]{1,100}$",
      constraintDescription: "must match ^[A-Za-z0-9.@_-]{1,100}$",
    });

    // L1: kms.Key adds a Retain deletion policy and a key policy of its own.
    const chatOpsTopicKey = new kms.CfnKey(this, "ChatOpsTopicKey", {
      description: "Encrypts the ChatOps SNS topic; EventBridge may use it to publish",
      enableKeyRotation: true,
      keyPolicy: {
        "Version": "2012-10-17",
        "Statement": [
          {
            "Sid": "AccountAdministersTheKey",
            "Effect": "Allow",
            "Principal": {
              "AWS": cdk.Fn.sub("arn:${AWS::Partition}:iam::${AWS::AccountId}:root"),
            },
            "Action": "kms:*",
            "Resource": "*",
          },
          {
            "Sid": "EventBridgePublishesToTheTopic",
            "Effect": "Allow",
            "Principal": {
              "Service": "events.amazonaws.com",
            },
            "Action": [
              "kms:Decrypt",
              "kms:GenerateDataKey",
            ],
            "Resource": "*",
            "Condition": {
              "StringEquals": {
                "aws:SourceAccount": cdk.Aws.ACCOUNT_ID,
              },
            },
          },
        ],
      },
    });

    // L1: sns.Topic would put its policy in an AWS::SNS::TopicPolicy, not the inline policy below.
    const chatOpsTopic = new sns.CfnTopic(this, "ChatOpsTopic", {
      topicName: snsTopicName.valueAsString,
      kmsMasterKeyId: chatOpsTopicKey.attrArn,
    });

    // L1: no L2 construct writes a topic's inline policy.
    new sns.CfnTopicInlinePolicy(this, "ChatOpsTopicPolicy", {
      topicArn: chatOpsTopic.ref,
      policyDocument: {
        "Version": "2012-10-17",
        "Statement": [
          {
            "Sid": "AllowEventBridgePublish",
            "Effect": "Allow",
            "Principal": {
              "Service": "events.amazonaws.com",
            },
            "Action": "sns:Publish",
            "Resource": chatOpsTopic.ref,
            "Condition": {
              "StringEquals": {
                "aws:SourceAccount": cdk.Aws.ACCOUNT_ID,
                "aws:SourceArn": [
                  cdk.Fn.sub("arn:${AWS::Partition}:events:${AWS::Region}:${AWS::AccountId}:rule/pipeline-execution"),
                  cdk.Fn.sub("arn:${AWS::Partition}:events:${AWS::Region}:${AWS::AccountId}:rule/pipeline-stage-failed"),
                ],
              },
            },
          },
        ],
      },
    });

    // L1: the input template must reach the rule byte for byte; events.Rule's RuleTargetInput rewrites it and renames the targets.
    const pipelineExecutionRule = new events.CfnRule(this, "PipelineExecutionRule", {
      name: "pipeline-execution",
      description: "A pipeline execution starts, succeeds or fails",
      state: "ENABLED",
      eventPattern: {
        "source": [
          "aws.codepipeline",
        ],
        "detail-type": [
          "CodePipeline Pipeline Execution State Change",
        ],
        "detail": {
          "state": [
            "STARTED",
            "SUCCEEDED",
            "FAILED",
          ],
          "pipeline": [
            codepipelinePipeline.valueAsString,
          ],
        },
      },
      targets: [
        {
          id: "chatops-sns",
          arn: chatOpsTopic.ref,
          inputTransformer: {
            inputPathsMap: {
              "executionId": "$.detail.execution-id",
              "pipeline": "$.detail.pipeline",
              "region": "$.region",
              "state": "$.detail.state",
              "time": "$.time",
            },
            inputTemplate: "{\n  \"version\": \"1.0\",\n  \"source\": \"custom\",\n  \"content\": {\n    \"textType\": \"client-markdown\",\n    \"title\": \"Pipeline <pipeline>: <state>\",\n    \"description\": \"*Execution:* <executionId>\\n*Region:* <region>\\n*Time:* <time>\",\n    \"keywords\": [\"CodePipeline\", \"<state>\"]\n  },\n  \"metadata\": {\n    \"threadId\": \"pipeline-<executionId>\",\n    \"additionalContext\": {\n      \"ActionGroup\": \"pipeline-execution\",\n      \"Pipe\": \"<pipeline>\",\n      \"Id\": \"<executionId>\",\n      \"State\": \"<state>\",\n      \"Rgn\": \"<region>\"\n    },\n    \"enableCustomActions\": true\n  }\n}",
          },
        },
      ],
    });

    const pipelineStageFailedRule = new events.CfnRule(this, "PipelineStageFailedRule", {
      name: "pipeline-stage-failed",
      description: "A stage of the pipeline fails",
      state: "ENABLED",
      eventPattern: {
        "source": [
          "aws.codepipeline",
        ],
        "detail-type": [
          "CodePipeline Stage Execution State Change",
        ],
        "detail": {
          "state": [
            "FAILED",
          ],
          "pipeline": [
            codepipelinePipeline.valueAsString,
          ],
        },
      },
      targets: [
        {
          id: "chatops-sns",
          arn: chatOpsTopic.ref,
          inputTransformer: {
            inputPathsMap: {
              "executionId": "$.detail.execution-id",
              "pipeline": "$.detail.pipeline",
              "region": "$.region",
              "stage": "$.detail.stage",
              "time": "$.time",
            },
            inputTemplate: "{\n  \"version\": \"1.0\",\n  \"source\": \"custom\",\n  \"content\": {\n    \"textType\": \"client-markdown\",\n    \"title\": \":rotating_light: Stage <stage> of <pipeline> failed\",\n    \"description\": \"*Execution:* <executionId>\\n*Region:* <region>\\n*Time:* <time>\",\n    \"nextSteps\": [\"Choose *Execution* for the failed actions' errors\", \"Once fixed, choose *Retry stage* to rerun its failed actions in the same execution\"],\n    \"keywords\": [\"CodePipeline\", \"FAILED\"]\n  },\n  \"metadata\": {\n    \"threadId\": \"pipeline-<executionId>\",\n    \"additionalContext\": {\n      \"ActionGroup\": \"stage-failed\",\n      \"Pipe\": \"<pipeline>\",\n      \"Stage\": \"<stage>\",\n      \"Id\": \"<executionId>\",\n      \"Rgn\": \"<region>\"\n    },\n    \"enableCustomActions\": true\n  }\n}",
          },
        },
      ],
    });

    // L1: iam.Role would move the inline policy into a separate AWS::IAM::Policy.
    const channelRole = new iam.CfnRole(this, "ChannelRole", {
      assumeRolePolicyDocument: {
        "Version": "2012-10-17",
        "Statement": [
          {
            "Effect": "Allow",
            "Principal": {
              "Service": "chatbot.amazonaws.com",
            },
            "Action": "sts:AssumeRole",
          },
        ],
      },
      policies: [
        {
          policyName: "chatops-button-commands",
          policyDocument: {
            "Version": "2012-10-17",
            "Statement": [
              {
                "Sid": "ButtonCommandsOnPipeline",
                "Effect": "Allow",
                "Action": [
                  "codepipeline:GetPipelineExecution",
                  "codepipeline:StopPipelineExecution",
                ],
                "Resource": cdk.Fn.sub("arn:${AWS::Partition}:codepipeline:${AWS::Region}:${AWS::AccountId}:${CodepipelinePipeline}"),
              },
              {
                "Sid": "ButtonCommandsOnStage",
                "Effect": "Allow",
                "Action": [
                  "codepipeline:RetryStageExecution",
                ],
                "Resource": cdk.Fn.sub("arn:${AWS::Partition}:codepipeline:${AWS::Region}:${AWS::AccountId}:${CodepipelinePipeline}/*"),
              },
            ],
          },
        },
      ],
    });

    // L1: the policy document as the design lowers it, statement for statement.
    const channelGuardrail = new iam.CfnManagedPolicy(this, "ChannelGuardrail", {
      description: "Guardrail: what any command run from the channel may do",
      policyDocument: {
        "Version": "2012-10-17",
        "Statement": [
          {
            "Sid": "ButtonCommandsOnPipeline",
            "Effect": "Allow",
            "Action": [
              "codepipeline:GetPipelineExecution",
              "codepipeline:StopPipelineExecution",
            ],
            "Resource": cdk.Fn.sub("arn:${AWS::Partition}:codepipeline:${AWS::Region}:${AWS::AccountId}:${CodepipelinePipeline}"),
          },
          {
            "Sid": "ButtonCommandsOnStage",
            "Effect": "Allow",
            "Action": [
              "codepipeline:RetryStageExecution",
            ],
            "Resource": cdk.Fn.sub("arn:${AWS::Partition}:codepipeline:${AWS::Region}:${AWS::AccountId}:${CodepipelinePipeline}/*"),
          },
        ],
      },
    });

    // L1: custom actions have no L2 construct.
    const retryStageAction = new chatbot.CfnCustomAction(this, "RetryStageAction", {
      actionName: "RetryStage",
      definition: {
        commandText: "codepipeline retry-stage-execution --pipeline-name $Pipe --stage-name $Stage --pipeline-execution-id $Id --retry-mode FAILED_ACTIONS --region $Rgn",
      },
      attachments: [
        {
          notificationType: "Custom",
          buttonText: "🔁 Retry stage",
          criteria: [
            {
              operator: "EQUALS",
              variableName: "ActionGroup",
              value: "stage-failed",
            },
            {
              operator: "HAS_VALUE",
              variableName: "Stage",
            },
          ],
          variables: {
            "ActionGroup": "event.metadata.additionalContext.ActionGroup",
            "Pipe": "event.metadata.additionalContext.Pipe",
            "Stage": "event.metadata.additionalContext.Stage",
            "Id": "event.metadata.additionalContext.Id",
            "Rgn": "event.metadata.additionalContext.Rgn",
          },
        },
      ],
    });

    const getExecutionAction = new chatbot.CfnCustomAction(this, "GetExecutionAction", {
      actionName: "GetExecution",
      definition: {
        commandText: "codepipeline get-pipeline-execution --pipeline-name $Pipe --pipeline-execution-id $Id --region $Rgn",
      },
      attachments: [
        {
          notificationType: "Custom",
          buttonText: "🔍 Execution",
          criteria: [
            {
              operator: "HAS_VALUE",
              variableName: "Pipe",
            },
            {
              operator: "HAS_VALUE",
              variableName: "Id",
            },
          ],
          variables: {
            "Pipe": "event.metadata.additionalContext.Pipe",
            "Id": "event.metadata.additionalContext.Id",
            "Rgn": "event.metadata.additionalContext.Rgn",
          },
        },
      ],
    });

    const stopExecutionAction = new chatbot.CfnCustomAction(this, "StopExecutionAction", {
      actionName: "StopExecution",
      definition: {
        commandText: "codepipeline stop-pipeline-execution --pipeline-name $Pipe --pipeline-execution-id $Id --region $Rgn",
      },
      attachments: [
        {
          notificationType: "Custom",
          buttonText: "⏹ Stop",
          criteria: [
            {
              operator: "EQUALS",
              variableName: "ActionGroup",
              value: "pipeline-execution",
            },
            {
              operator: "EQUALS",
              variableName: "State",
              value: "STARTED",
            },
          ],
          variables: {
            "ActionGroup": "event.metadata.additionalContext.ActionGroup",
            "Pipe": "event.metadata.additionalContext.Pipe",
            "Id": "event.metadata.additionalContext.Id",
            "State": "event.metadata.additionalContext.State",
            "Rgn": "event.metadata.additionalContext.Rgn",
          },
        },
      ],
    });

    // L1: chatbot.SlackChannelConfiguration creates a role of its own unless given one; this one lists the custom actions and the guardrail as the design does.
    const slackChannel = new chatbot.CfnSlackChannelConfiguration(this, "SlackChannel", {
      configurationName: channelConfigurationName.valueAsString,
      iamRoleArn: channelRole.attrArn,
      slackWorkspaceId: slackWorkspaceId.valueAsString,
      slackChannelId: slackChannelId.valueAsString,
      snsTopicArns: [
        chatOpsTopic.ref,
      ],
      loggingLevel: "ERROR",
      guardrailPolicies: [
        channelGuardrail.ref,
      ],
      customizationResourceArns: [
        retryStageAction.attrCustomActionArn,
        getExecutionAction.attrCustomActionArn,
        stopExecutionAction.attrCustomActionArn,
      ],
    });

    new cdk.CfnOutput(this, "SnsTopicArn", {
      description: "The topic the rule publishes to",
      value: chatOpsTopic.ref,
    });
    new cdk.CfnOutput(this, "PipelineExecutionRuleArn", {
      description: "The EventBridge rule pipeline-execution",
      value: pipelineExecutionRule.attrArn,
    });
    new cdk.CfnOutput(this, "PipelineStageFailedRuleArn", {
      description: "The EventBridge rule pipeline-stage-failed",
      value: pipelineStageFailedRule.attrArn,
    });
    new cdk.CfnOutput(this, "ChannelRoleArn", {
      description: "The role channel members' commands run with",
      value: channelRole.attrArn,
    });
    new cdk.CfnOutput(this, "RetryStageActionArn", {
      description: "Custom action RetryStage",
      value: retryStageAction.attrCustomActionArn,
    });
    new cdk.CfnOutput(this, "GetExecutionActionArn", {
      description: "Custom action GetExecution",
      value: getExecutionAction.attrCustomActionArn,
    });
    new cdk.CfnOutput(this, "StopExecutionActionArn", {
      description: "Custom action StopExecution",
      value: stopExecutionAction.attrCustomActionArn,
    });
    new cdk.CfnOutput(this, "ChannelConfigurationArn", {
      description: "The Slack channel configuration",
      value: slackChannel.attrArn,
    });
  }
}
