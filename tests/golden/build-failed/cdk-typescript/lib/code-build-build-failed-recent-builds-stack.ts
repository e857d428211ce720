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
    super(scope, id, { description: "ChatOps Designer: CodeBuild build failed: recent builds and run again", ...props });
    this.templateOptions.templateFormatVersion = "2010-09-09";

    // Deployment settings, checked as in the other exports: cdk deploy --parameters NAME=VALUE
    const snsTopicName = new cdk.CfnParameter(this, "SnsTopicName", {
      type: "String",
      description: "Name of the SNS topic the rule publishes to and the channel subscribes to",
      default: "chatops-builds",
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
      default: "chatops-builds",
      allowedPattern: "^[A-Za-z0-9_-]{1,128}$",
      constraintDescription: "must match ^[A-Za-z0-9_-]{1,128}$",
    });
    const codebuildProject = new cdk.CfnParameter(this, "CodebuildProject", {
      type: "String",
      description: "CodeBuild project whose builds the rule matches and the buttons act on",
      default: "my-sample-project",
      allowedPattern: "^[A-Za-z0-9][A-Za-z0-9_-]{1,254}$",
      constraintDescription: "must match ^[A-Za-z0-9][A-Za-z0-9_-]{1,254}$",
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
                  cdk.Fn.sub("arn:${AWS::Partition}:events:${AWS::Region}:${AWS::AccountId}:rule/codebuild-build-failed"),
                ],
              },
            },
          },
        ],
      },
    });

    // L1: the input template must reach the rule byte for byte; events.Rule's RuleTargetInput rewrites it and renames the targets.
    const deploymentRule = new events.CfnRule(this, "DeploymentRule", {
      name: "codebuild-build-failed",
      description: "A build of the project fails",
      state: "ENABLED",
      eventPattern: {
        "source": [
          "aws.codebuild",
        ],
        "detail-type": [
          "CodeBuild Build State Change",
        ],
        "detail": {
          "build-status": [
            "FAILED",
          ],
          "project-name": [
            codebuildProject.valueAsString,
          ],
        },
      },
      targets: [
        {
          id: "chatops-sns",
          arn: chatOpsTopic.ref,
          inputTransformer: {
            inputPathsMap: {
              "buildId": "$.detail.build-id",
              "initiator": "$.detail.additional-information.initiator",
              "project": "$.detail.project-name",
              "region": "$.region",
              "status": "$.detail.build-status",
              "time": "$.time",
            },
            inputTemplate: "{\n  \"version\": \"1.0\",\n  \"source\": \"custom\",\n  \"content\": {\n    \"textType\": \"client-markdown\",\n    \"title\": \":rotating_light: Build of <project> <status>\",\n    \"description\": \"*Build:* <buildId>\\n*Started by:* <initiator>\\n*Region:* <region>\\n*Time:* <time>\",\n    \"nextSteps\": [\"Open the build's logs from the CodeBuild console\", \"Choose *Recent builds* to see whether it failed before\", \"Once fixed, choose *Run again*\"],\n    \"keywords\": [\"CodeBuild\", \"<status>\"]\n  },\n  \"metadata\": {\n    \"additionalContext\": {\n      \"ActionGroup\": \"build-failed\",\n      \"Project\": \"<project>\",\n      \"Region\": \"<region>\"\n    },\n    \"enableCustomActions\": true\n  }\n}",
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
                "Sid": "ButtonCommandsOnProject",
                "Effect": "Allow",
                "Action": [
                  "codebuild:ListBuildsForProject",
                  "codebuild:StartBuild",
                ],
                "Resource": cdk.Fn.sub("arn:${AWS::Partition}:codebuild:${AWS::Region}:${AWS::AccountId}:project/${CodebuildProject}"),
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
            "Sid": "ButtonCommandsOnProject",
            "Effect": "Allow",
            "Action": [
              "codebuild:ListBuildsForProject",
              "codebuild:StartBuild",
            ],
            "Resource": cdk.Fn.sub("arn:${AWS::Partition}:codebuild:${AWS::Region}:${AWS::AccountId}:project/${CodebuildProject}"),
          },
        ],
      },
    });

    // L1: custom actions have no L2 construct.
    const recentBuildsAction = new chatbot.CfnCustomAction(this, "RecentBuildsAction", {
      actionName: "RecentBuilds",
      definition: {
        commandText: "codebuild list-builds-for-project --project-name $Project --region $Region",
      },
      attachments: [
        {
          notificationType: "Custom",
          buttonText: "📋 Recent builds",
          criteria: [
            {
              operator: "EQUALS",
              variableName: "ActionGroup",
              value: "build-failed",
            },
            {
              operator: "HAS_VALUE",
              variableName: "Project",
            },
          ],
          variables: {
            "ActionGroup": "event.metadata.additionalContext.ActionGroup",
            "Project": "event.metadata.additionalContext.Project",
            "Region": "event.metadata.additionalContext.Region",
          },
        },
      ],
    });

    const runAgainAction = new chatbot.CfnCustomAction(this, "RunAgainAction", {
      actionName: "RunAgain",
      definition: {
        commandText: "codebuild start-build --project-name $Project --region $Region",
      },
      attachments: [
        {
          notificationType: "Custom",
          buttonText: "🔁 Run again",
          criteria: [
            {
              operator: "EQUALS",
              variableName: "ActionGroup",
              value: "build-failed",
            },
            {
              operator: "HAS_VALUE",
              variableName: "Project",
            },
          ],
          variables: {
            "ActionGroup": "event.metadata.additionalContext.ActionGroup",
            "Project": "event.metadata.additionalContext.Project",
            "Region": "event.metadata.additionalContext.Region",
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
        recentBuildsAction.attrCustomActionArn,
        runAgainAction.attrCustomActionArn,
      ],
    });

    new cdk.CfnOutput(this, "SnsTopicArn", {
      description: "The topic the rule publishes to",
      value: chatOpsTopic.ref,
    });
    new cdk.CfnOutput(this, "EventRuleArn", {
      description: "The EventBridge rule",
      value: deploymentRule.attrArn,
    });
    new cdk.CfnOutput(this, "ChannelRoleArn", {
      description: "The role channel members' commands run with",
      value: channelRole.attrArn,
    });
    new cdk.CfnOutput(this, "RecentBuildsActionArn", {
      description: "Custom action RecentBuilds",
      value: recentBuildsAction.attrCustomActionArn,
    });
    new cdk.CfnOutput(this, "RunAgainActionArn", {
      description: "Custom action RunAgain",
      value: runAgainAction.attrCustomActionArn,
    });
    new cdk.CfnOutput(this, "ChannelConfigurationArn", {
      description: "The Slack channel configuration",
      value: slackChannel.attrArn,
    });
  }
}
