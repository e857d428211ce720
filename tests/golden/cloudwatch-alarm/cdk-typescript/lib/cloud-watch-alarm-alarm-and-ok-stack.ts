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
    super(scope, id, { description: "ChatOps Designer: CloudWatch alarm: ALARM and OK in one thread, with history and actions buttons", ...props });
    this.templateOptions.templateFormatVersion = "2010-09-09";

    // Deployment settings, checked as in the other exports: cdk deploy --parameters NAME=VALUE
    const snsTopicName = new cdk.CfnParameter(this, "SnsTopicName", {
      type: "String",
      description: "Name of the SNS topic the rule publishes to and the channel subscribes to",
      default: "chatops-alarms",
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
      default: "chatops-alarms",
      allowedPattern: "^[A-Za-z0-9_-]{1,128}$",
      constraintDescription: "must match ^[A-Za-z0-9_-]{1,128}$",
    });
    const cloudwatchAlarm = new cdk.CfnParameter(this, "CloudwatchAlarm", {
      type: "String",
      description: "CloudWatch alarm whose state changes the rule matches and the buttons act on",
      default: "ServerCpuTooHigh",
      allowedPattern: "^[A-Za-z0-9 _.,:/+=@#()-]{1,255}$",
      constraintDescription: "must match ^[A-Za-z0-9 _.,:/+=@#()-]{1,255}$",
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
                  cdk.Fn.sub("arn:${AWS::Partition}:events:${AWS::Region}:${AWS::AccountId}:rule/cloudwatch-alarm-state"),
                ],
              },
            },
          },
        ],
      },
    });

    // L1: the input template must reach the rule byte for byte; events.Rule's RuleTargetInput rewrites it and renames the targets.
    const deploymentRule = new events.CfnRule(this, "DeploymentRule", {
      name: "cloudwatch-alarm-state",
      description: "The alarm goes to ALARM or back to OK",
      state: "ENABLED",
      eventPattern: {
        "source": [
          "aws.cloudwatch",
        ],
        "detail-type": [
          "CloudWatch Alarm State Change",
        ],
        "detail": {
          "alarmName": [
            cloudwatchAlarm.valueAsString,
          ],
          "state": {
            "value": [
              "ALARM",
              "OK",
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
              "account": "$.account",
              "alarmName": "$.detail.alarmName",
              "previous": "$.detail.previousState.value",
              "reason": "$.detail.state.reason",
              "region": "$.region",
              "state": "$.detail.state.value",
              "time": "$.time",
            },
            inputTemplate: "{\n  \"version\": \"1.0\",\n  \"source\": \"custom\",\n  \"content\": {\n    \"textType\": \"client-markdown\",\n    \"title\": \"CloudWatch alarm <alarmName>: <previous> → <state>\",\n    \"description\": \"*Reason:* <reason>\\n*Account:* <account>  *Region:* <region>\\n*Time:* <time>\",\n    \"nextSteps\": [\"Choose *History* for the alarm's last state changes\", \"While it is in ALARM, *Mute actions* stops its notifications and actions until you *Unmute*\"],\n    \"keywords\": [\"CloudWatch\", \"<state>\"]\n  },\n  \"metadata\": {\n    \"threadId\": \"alarm-<alarmName>\",\n    \"additionalContext\": {\n      \"ActionGroup\": \"cloudwatch-alarm\",\n      \"AlarmName\": \"<alarmName>\",\n      \"State\": \"<state>\",\n      \"Region\": \"<region>\"\n    },\n    \"enableCustomActions\": true\n  }\n}",
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
                "Sid": "ButtonCommandsOnAlarm",
                "Effect": "Allow",
                "Action": [
                  "cloudwatch:DescribeAlarmHistory",
                  "cloudwatch:DisableAlarmActions",
                  "cloudwatch:EnableAlarmActions",
                ],
                "Resource": cdk.Fn.sub("arn:${AWS::Partition}:cloudwatch:${AWS::Region}:${AWS::AccountId}:alarm:${CloudwatchAlarm}"),
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
            "Sid": "ButtonCommandsOnAlarm",
            "Effect": "Allow",
            "Action": [
              "cloudwatch:DescribeAlarmHistory",
              "cloudwatch:DisableAlarmActions",
              "cloudwatch:EnableAlarmActions",
            ],
            "Resource": cdk.Fn.sub("arn:${AWS::Partition}:cloudwatch:${AWS::Region}:${AWS::AccountId}:alarm:${CloudwatchAlarm}"),
          },
        ],
      },
    });

    // L1: custom actions have no L2 construct.
    const alarmHistoryAction = new chatbot.CfnCustomAction(this, "AlarmHistoryAction", {
      actionName: "AlarmHistory",
      definition: {
        commandText: "cloudwatch describe-alarm-history --alarm-name $AlarmName --max-records 5 --region $Region",
      },
      attachments: [
        {
          notificationType: "Custom",
          buttonText: "🕘 History",
          criteria: [
            {
              operator: "EQUALS",
              variableName: "ActionGroup",
              value: "cloudwatch-alarm",
            },
            {
              operator: "HAS_VALUE",
              variableName: "AlarmName",
            },
          ],
          variables: {
            "ActionGroup": "event.metadata.additionalContext.ActionGroup",
            "AlarmName": "event.metadata.additionalContext.AlarmName",
            "Region": "event.metadata.additionalContext.Region",
          },
        },
      ],
    });

    const muteAlarmActionsAction = new chatbot.CfnCustomAction(this, "MuteAlarmActionsAction", {
      actionName: "MuteAlarmActions",
      definition: {
        commandText: "cloudwatch disable-alarm-actions --alarm-names $AlarmName --region $Region",
      },
      attachments: [
        {
          notificationType: "Custom",
          buttonText: "🔕 Mute actions",
          criteria: [
            {
              operator: "EQUALS",
              variableName: "ActionGroup",
              value: "cloudwatch-alarm",
            },
            {
              operator: "EQUALS",
              variableName: "State",
              value: "ALARM",
            },
          ],
          variables: {
            "ActionGroup": "event.metadata.additionalContext.ActionGroup",
            "AlarmName": "event.metadata.additionalContext.AlarmName",
            "State": "event.metadata.additionalContext.State",
            "Region": "event.metadata.additionalContext.Region",
          },
        },
      ],
    });

    const unmuteAlarmActionsAction = new chatbot.CfnCustomAction(this, "UnmuteAlarmActionsAction", {
      actionName: "UnmuteAlarmActions",
      definition: {
        commandText: "cloudwatch enable-alarm-actions --alarm-names $AlarmName --region $Region",
      },
      attachments: [
        {
          notificationType: "Custom",
          buttonText: "🔔 Unmute",
          criteria: [
            {
              operator: "EQUALS",
              variableName: "ActionGroup",
              value: "cloudwatch-alarm",
            },
            {
              operator: "EQUALS",
              variableName: "State",
              value: "OK",
            },
          ],
          variables: {
            "ActionGroup": "event.metadata.additionalContext.ActionGroup",
            "AlarmName": "event.metadata.additionalContext.AlarmName",
            "State": "event.metadata.additionalContext.State",
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
        alarmHistoryAction.attrCustomActionArn,
        muteAlarmActionsAction.attrCustomActionArn,
        unmuteAlarmActionsAction.attrCustomActionArn,
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
    new cdk.CfnOutput(this, "AlarmHistoryActionArn", {
      description: "Custom action AlarmHistory",
      value: alarmHistoryAction.attrCustomActionArn,
    });
    new cdk.CfnOutput(this, "MuteAlarmActionsActionArn", {
      description: "Custom action MuteAlarmActions",
      value: muteAlarmActionsAction.attrCustomActionArn,
    });
    new cdk.CfnOutput(this, "UnmuteAlarmActionsActionArn", {
      description: "Custom action UnmuteAlarmActions",
      value: unmuteAlarmActionsAction.attrCustomActionArn,
    });
    new cdk.CfnOutput(this, "ChannelConfigurationArn", {
      description: "The Slack channel configuration",
      value: slackChannel.attrArn,
    });
  }
}
