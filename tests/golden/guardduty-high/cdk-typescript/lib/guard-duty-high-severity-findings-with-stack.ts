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
    super(scope, id, { description: "ChatOps Designer: GuardDuty: high-severity findings, with get and archive", ...props });
    this.templateOptions.templateFormatVersion = "2010-09-09";

    // Deployment settings, checked as in the other exports: cdk deploy --parameters NAME=VALUE
    const snsTopicName = new cdk.CfnParameter(this, "SnsTopicName", {
      type: "String",
      description: "Name of the SNS topic the rule publishes to and the channel subscribes to",
      default: "chatops-guardduty",
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
      default: "chatops-security",
      allowedPattern: "^[A-Za-z0-9_-]{1,128}$",
      constraintDescription: "must match ^[A-Za-z0-9_-]{1,128}$",
    });
    const guarddutyDetector = new cdk.CfnParameter(this, "GuarddutyDetector", {
      type: "String",
      description: "GuardDuty detector whose findings the rule matches",
      default: "48bf285e13736c6c722945805b3e224a",
      allowedPattern: "^[a-z0-9]{1,300}$",
      constraintDescription: "must match ^[a-z0-9]{1,300}$",
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
                  cdk.Fn.sub("arn:${AWS::Partition}:events:${AWS::Region}:${AWS::AccountId}:rule/guardduty-high-severity"),
                ],
              },
            },
          },
        ],
      },
    });

    // L1: the input template must reach the rule byte for byte; events.Rule's RuleTargetInput rewrites it and renames the targets.
    const deploymentRule = new events.CfnRule(this, "DeploymentRule", {
      name: "guardduty-high-severity",
      description: "A GuardDuty finding of severity 7 or more",
      state: "ENABLED",
      eventPattern: {
        "source": [
          "aws.guardduty",
        ],
        "detail-type": [
          "GuardDuty Finding",
        ],
        "detail": {
          "severity": [
            {
              "numeric": [
                ">=",
                7,
              ],
            },
          ],
          "service": {
            "detectorId": [
              guarddutyDetector.valueAsString,
            ],
          },
        },
      },
      targets: [
        {
          id: "chatops-sns",
          arn: chatOpsTopic.ref,
          inputTransformer: {
            inputPathsMap: {
              "account": "$.detail.accountId",
              "detector": "$.detail.service.detectorId",
              "findingId": "$.detail.id",
              "region": "$.detail.region",
              "severity": "$.detail.severity",
              "time": "$.detail.updatedAt",
              "title": "$.detail.title",
              "type": "$.detail.type",
            },
            inputTemplate: "{\n  \"version\": \"1.0\",\n  \"source\": \"custom\",\n  \"content\": {\n    \"textType\": \"client-markdown\",\n    \"title\": \":rotating_light: GuardDuty <type> (severity <severity>)\",\n    \"description\": \"<title>\\n*Account:* <account>  *Region:* <region>\\n*Updated:* <time>\\n*Finding:* <findingId>\",\n    \"nextSteps\": [\"Choose *Finding* for the affected resource and the evidence\", \"Once investigated, choose *Archive* (the administrator account's detector archives for member accounts)\"],\n    \"keywords\": [\"GuardDuty\", \"<type>\"]\n  },\n  \"metadata\": {\n    \"additionalContext\": {\n      \"ActionGroup\": \"guardduty-finding\",\n      \"Detector\": \"<detector>\",\n      \"Finding\": \"<findingId>\",\n      \"Region\": \"<region>\"\n    },\n    \"enableCustomActions\": true\n  }\n}",
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
                "Sid": "ButtonCommands",
                "Effect": "Allow",
                "Action": [
                  "guardduty:ArchiveFindings",
                  "guardduty:GetFindings",
                ],
                "Resource": "*",
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
            "Sid": "ButtonCommands",
            "Effect": "Allow",
            "Action": [
              "guardduty:ArchiveFindings",
              "guardduty:GetFindings",
            ],
            "Resource": "*",
          },
        ],
      },
    });

    // L1: custom actions have no L2 construct.
    const getFindingAction = new chatbot.CfnCustomAction(this, "GetFindingAction", {
      actionName: "GetFinding",
      definition: {
        commandText: "guardduty get-findings --detector-id $Detector --finding-ids $Finding --region $Region",
      },
      attachments: [
        {
          notificationType: "Custom",
          buttonText: "🔍 Finding",
          criteria: [
            {
              operator: "EQUALS",
              variableName: "ActionGroup",
              value: "guardduty-finding",
            },
            {
              operator: "HAS_VALUE",
              variableName: "Finding",
            },
          ],
          variables: {
            "ActionGroup": "event.metadata.additionalContext.ActionGroup",
            "Detector": "event.metadata.additionalContext.Detector",
            "Finding": "event.metadata.additionalContext.Finding",
            "Region": "event.metadata.additionalContext.Region",
          },
        },
      ],
    });

    const archiveFindingAction = new chatbot.CfnCustomAction(this, "ArchiveFindingAction", {
      actionName: "ArchiveFinding",
      definition: {
        commandText: "guardduty archive-findings --detector-id $Detector --finding-ids $Finding --region $Region",
      },
      attachments: [
        {
          notificationType: "Custom",
          buttonText: "🗄 Archive",
          criteria: [
            {
              operator: "EQUALS",
              variableName: "ActionGroup",
              value: "guardduty-finding",
            },
            {
              operator: "HAS_VALUE",
              variableName: "Finding",
            },
          ],
          variables: {
            "ActionGroup": "event.metadata.additionalContext.ActionGroup",
            "Detector": "event.metadata.additionalContext.Detector",
            "Finding": "event.metadata.additionalContext.Finding",
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
        getFindingAction.attrCustomActionArn,
        archiveFindingAction.attrCustomActionArn,
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
    new cdk.CfnOutput(this, "GetFindingActionArn", {
      description: "Custom action GetFinding",
      value: getFindingAction.attrCustomActionArn,
    });
    new cdk.CfnOutput(this, "ArchiveFindingActionArn", {
      description: "Custom action ArchiveFinding",
      value: archiveFindingAction.attrCustomActionArn,
    });
    new cdk.CfnOutput(this, "ChannelConfigurationArn", {
      description: "The Slack channel configuration",
      value: slackChannel.attrArn,
    });
  }
}
