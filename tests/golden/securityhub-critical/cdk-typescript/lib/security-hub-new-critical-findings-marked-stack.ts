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
    super(scope, id, { description: "ChatOps Designer: Security Hub: new critical findings, marked notified from chat", ...props });
    this.templateOptions.templateFormatVersion = "2010-09-09";

    // Deployment settings, checked as in the other exports: cdk deploy --parameters NAME=VALUE
    const snsTopicName = new cdk.CfnParameter(this, "SnsTopicName", {
      type: "String",
      description: "Name of the SNS topic the rule publishes to and the channel subscribes to",
      default: "chatops-securityhub",
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
    const securityhubSeverity = new cdk.CfnParameter(this, "SecurityhubSeverity", {
      type: "String",
      description: "Security Hub severity label whose findings the rule matches",
      default: "CRITICAL",
      allowedPattern: "^(INFORMATIONAL|LOW|MEDIUM|HIGH|CRITICAL)$",
      constraintDescription: "must match ^(INFORMATIONAL|LOW|MEDIUM|HIGH|CRITICAL)$",
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
                  cdk.Fn.sub("arn:${AWS::Partition}:events:${AWS::Region}:${AWS::AccountId}:rule/securityhub-critical-new"),
                ],
              },
            },
          },
        ],
      },
    });

    // L1: the input template must reach the rule byte for byte; events.Rule's RuleTargetInput rewrites it and renames the targets.
    const deploymentRule = new events.CfnRule(this, "DeploymentRule", {
      name: "securityhub-critical-new",
      description: "A new CRITICAL finding is imported into Security Hub",
      state: "ENABLED",
      eventPattern: {
        "source": [
          "aws.securityhub",
        ],
        "detail-type": [
          "Security Hub Findings - Imported",
        ],
        "detail": {
          "findings": {
            "Severity": {
              "Label": [
                securityhubSeverity.valueAsString,
              ],
            },
            "Workflow": {
              "Status": [
                "NEW",
              ],
            },
          },
        },
      },
      targets: [
        {
          id: "chatops-sns",
          arn: chatOpsTopic.ref,
          inputTransformer: {
            inputPathsMap: {
              "account": "$.detail.findings[0].AwsAccountId",
              "findingId": "$.detail.findings[0].Id",
              "productArn": "$.detail.findings[0].ProductArn",
              "region": "$.region",
              "severity": "$.detail.findings[0].Severity.Label",
              "title": "$.detail.findings[0].Title",
              "updated": "$.detail.findings[0].UpdatedAt",
            },
            inputTemplate: "{\n  \"version\": \"1.0\",\n  \"source\": \"custom\",\n  \"content\": {\n    \"textType\": \"client-markdown\",\n    \"title\": \":rotating_light: Security Hub <severity>: <title>\",\n    \"description\": \"*Account:* <account>  *Region:* <region>\\n*Updated:* <updated>\\n*Finding:* <findingId>\",\n    \"nextSteps\": [\"Open the finding in Security Hub for its resources and remediation\", \"Choose *Notified* once the owner knows, *Resolved* once fixed\"],\n    \"keywords\": [\"SecurityHub\", \"<severity>\"]\n  },\n  \"metadata\": {\n    \"additionalContext\": {\n      \"ActionGroup\": \"securityhub-finding\",\n      \"Id\": \"<findingId>\",\n      \"Arn\": \"<productArn>\",\n      \"Rgn\": \"<region>\"\n    },\n    \"enableCustomActions\": true\n  }\n}",
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
                "Sid": "ButtonCommandsOnHub",
                "Effect": "Allow",
                "Action": [
                  "securityhub:BatchUpdateFindings",
                ],
                "Resource": cdk.Fn.sub("arn:${AWS::Partition}:securityhub:${AWS::Region}:${AWS::AccountId}:hub/default"),
              },
              {
                "Sid": "ButtonCommandsOnHubv2",
                "Effect": "Allow",
                "Action": [
                  "securityhub:BatchUpdateFindings",
                ],
                "Resource": cdk.Fn.sub("arn:${AWS::Partition}:securityhub:${AWS::Region}:${AWS::AccountId}:hubv2/*"),
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
            "Sid": "ButtonCommandsOnHub",
            "Effect": "Allow",
            "Action": [
              "securityhub:BatchUpdateFindings",
            ],
            "Resource": cdk.Fn.sub("arn:${AWS::Partition}:securityhub:${AWS::Region}:${AWS::AccountId}:hub/default"),
          },
          {
            "Sid": "ButtonCommandsOnHubv2",
            "Effect": "Allow",
            "Action": [
              "securityhub:BatchUpdateFindings",
            ],
            "Resource": cdk.Fn.sub("arn:${AWS::Partition}:securityhub:${AWS::Region}:${AWS::AccountId}:hubv2/*"),
          },
        ],
      },
    });

    // L1: custom actions have no L2 construct.
    const markNotifiedAction = new chatbot.CfnCustomAction(this, "MarkNotifiedAction", {
      actionName: "MarkNotified",
      definition: {
        commandText: "securityhub batch-update-findings --finding-identifiers Id=$Id,ProductArn=$Arn --workflow Status=NOTIFIED --region $Rgn",
      },
      attachments: [
        {
          notificationType: "Custom",
          buttonText: "📣 Notified",
          criteria: [
            {
              operator: "EQUALS",
              variableName: "ActionGroup",
              value: "securityhub-finding",
            },
            {
              operator: "HAS_VALUE",
              variableName: "Id",
            },
          ],
          variables: {
            "ActionGroup": "event.metadata.additionalContext.ActionGroup",
            "Id": "event.metadata.additionalContext.Id",
            "Arn": "event.metadata.additionalContext.Arn",
            "Rgn": "event.metadata.additionalContext.Rgn",
          },
        },
      ],
    });

    const markResolvedAction = new chatbot.CfnCustomAction(this, "MarkResolvedAction", {
      actionName: "MarkResolved",
      definition: {
        commandText: "securityhub batch-update-findings --finding-identifiers Id=$Id,ProductArn=$Arn --workflow Status=RESOLVED --region $Rgn",
      },
      attachments: [
        {
          notificationType: "Custom",
          buttonText: "✅ Resolved",
          criteria: [
            {
              operator: "EQUALS",
              variableName: "ActionGroup",
              value: "securityhub-finding",
            },
            {
              operator: "HAS_VALUE",
              variableName: "Id",
            },
          ],
          variables: {
            "ActionGroup": "event.metadata.additionalContext.ActionGroup",
            "Id": "event.metadata.additionalContext.Id",
            "Arn": "event.metadata.additionalContext.Arn",
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
        markNotifiedAction.attrCustomActionArn,
        markResolvedAction.attrCustomActionArn,
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
    new cdk.CfnOutput(this, "MarkNotifiedActionArn", {
      description: "Custom action MarkNotified",
      value: markNotifiedAction.attrCustomActionArn,
    });
    new cdk.CfnOutput(this, "MarkResolvedActionArn", {
      description: "Custom action MarkResolved",
      value: markResolvedAction.attrCustomActionArn,
    });
    new cdk.CfnOutput(this, "ChannelConfigurationArn", {
      description: "The Slack channel configuration",
      value: slackChannel.attrArn,
    });
  }
}
