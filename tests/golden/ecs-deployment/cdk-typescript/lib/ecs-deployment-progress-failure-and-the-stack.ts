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
    super(scope, id, { description: "ChatOps Designer: ECS deployment: progress, failure and the service's buttons", ...props });
    this.templateOptions.templateFormatVersion = "2010-09-09";

    // Deployment settings, checked as in the other exports: cdk deploy --parameters NAME=VALUE
    const snsTopicName = new cdk.CfnParameter(this, "SnsTopicName", {
      type: "String",
      description: "Name of the SNS topic the rule publishes to and the channel subscribes to",
      default: "chatops-ecs",
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
      default: "chatops-ecs",
      allowedPattern: "^[A-Za-z0-9_-]{1,128}$",
      constraintDescription: "must match ^[A-Za-z0-9_-]{1,128}$",
    });
    const ecsCluster = new cdk.CfnParameter(this, "EcsCluster", {
      type: "String",
      description: "ECS cluster whose services' events the rule matches and the buttons act on",
      default: "default",
      allowedPattern: "^[A-Za-z0-9_-]{1,255}$",
      constraintDescription: "must match ^[A-Za-z0-9_-]{1,255}$",
    });
    const ecsService = new cdk.CfnParameter(this, "EcsService", {
      type: "String",
      description: "ECS service whose events the rule matches and the buttons act on",
      default: "servicetest",
      allowedPattern: "^[A-Za-z0-9_-]{1,255}$",
      constraintDescription: "must match ^[A-Za-z0-9_-]{1,255}$",
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
                  cdk.Fn.sub("arn:${AWS::Partition}:events:${AWS::Region}:${AWS::AccountId}:rule/ecs-deployment-state"),
                ],
              },
            },
          },
        ],
      },
    });

    // L1: the input template must reach the rule byte for byte; events.Rule's RuleTargetInput rewrites it and renames the targets.
    const deploymentRule = new events.CfnRule(this, "DeploymentRule", {
      name: "ecs-deployment-state",
      description: "Deployments of the ECS service",
      state: "ENABLED",
      eventPattern: {
        "source": [
          "aws.ecs",
        ],
        "detail-type": [
          "ECS Deployment State Change",
        ],
        "resources": [
          cdk.Fn.sub("arn:aws:ecs:us-west-2:111122223333:service/${EcsCluster}/${EcsService}"),
        ],
      },
      targets: [
        {
          id: "chatops-sns",
          arn: chatOpsTopic.ref,
          inputTransformer: {
            inputPathsMap: {
              "account": "$.account",
              "deploymentId": "$.detail.deploymentId",
              "eventName": "$.detail.eventName",
              "eventType": "$.detail.eventType",
              "reason": "$.detail.reason",
              "region": "$.region",
              "time": "$.time",
            },
            inputTemplate: cdk.Fn.sub("{\n  \"version\": \"1.0\",\n  \"source\": \"custom\",\n  \"content\": {\n    \"textType\": \"client-markdown\",\n    \"title\": \"ECS deployment of ${EcsService}: <eventName>\",\n    \"description\": \"*Service:* ${EcsService} (cluster ${EcsCluster})\\n*Deployment:* <deploymentId>\\n*Reason:* <reason>\\n*Severity:* <eventType>\\n*Region:* <region>\\n*Time:* <time>\",\n    \"nextSteps\": [\"Choose *Describe service* for its deployments and recent events\", \"After a failure, fix the cause, then choose *Force new deployment*\"],\n    \"keywords\": [\"ECS\", \"<eventType>\"]\n  },\n  \"metadata\": {\n    \"threadId\": \"ecs-<deploymentId>\",\n    \"additionalContext\": {\n      \"ActionGroup\": \"ecs-deployment\",\n      \"Cluster\": \"${EcsCluster}\",\n      \"Service\": \"${EcsService}\",\n      \"State\": \"<eventName>\",\n      \"Region\": \"<region>\"\n    },\n    \"enableCustomActions\": true\n  }\n}"),
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
                "Sid": "ButtonCommandsOnService",
                "Effect": "Allow",
                "Action": [
                  "ecs:DescribeServices",
                  "ecs:ListServiceDeployments",
                  "ecs:UpdateService",
                ],
                "Resource": cdk.Fn.sub("arn:${AWS::Partition}:ecs:${AWS::Region}:${AWS::AccountId}:service/${EcsCluster}/${EcsService}"),
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
            "Sid": "ButtonCommandsOnService",
            "Effect": "Allow",
            "Action": [
              "ecs:DescribeServices",
              "ecs:ListServiceDeployments",
              "ecs:UpdateService",
            ],
            "Resource": cdk.Fn.sub("arn:${AWS::Partition}:ecs:${AWS::Region}:${AWS::AccountId}:service/${EcsCluster}/${EcsService}"),
          },
        ],
      },
    });

    // L1: custom actions have no L2 construct.
    const describeServiceAction = new chatbot.CfnCustomAction(this, "DescribeServiceAction", {
      actionName: "DescribeService",
      definition: {
        commandText: "ecs describe-services --cluster $Cluster --services $Service --region $Region",
      },
      attachments: [
        {
          notificationType: "Custom",
          buttonText: "🔍 Describe service",
          criteria: [
            {
              operator: "EQUALS",
              variableName: "ActionGroup",
              value: "ecs-deployment",
            },
            {
              operator: "HAS_VALUE",
              variableName: "Service",
            },
          ],
          variables: {
            "ActionGroup": "event.metadata.additionalContext.ActionGroup",
            "Cluster": "event.metadata.additionalContext.Cluster",
            "Service": "event.metadata.additionalContext.Service",
            "Region": "event.metadata.additionalContext.Region",
          },
        },
      ],
    });

    const listServiceDeploymentsAction = new chatbot.CfnCustomAction(this, "ListServiceDeploymentsAction", {
      actionName: "ListServiceDeployments",
      definition: {
        commandText: "ecs list-service-deployments --cluster $Cluster --service $Service --region $Region",
      },
      attachments: [
        {
          notificationType: "Custom",
          buttonText: "📋 Deployments",
          criteria: [
            {
              operator: "EQUALS",
              variableName: "ActionGroup",
              value: "ecs-deployment",
            },
            {
              operator: "HAS_VALUE",
              variableName: "Service",
            },
          ],
          variables: {
            "ActionGroup": "event.metadata.additionalContext.ActionGroup",
            "Cluster": "event.metadata.additionalContext.Cluster",
            "Service": "event.metadata.additionalContext.Service",
            "Region": "event.metadata.additionalContext.Region",
          },
        },
      ],
    });

    const forceNewDeploymentAction = new chatbot.CfnCustomAction(this, "ForceNewDeploymentAction", {
      actionName: "ForceNewDeployment",
      definition: {
        commandText: "ecs update-service --cluster $Cluster --service $Service --force-new-deployment --region $Region",
      },
      attachments: [
        {
          notificationType: "Custom",
          buttonText: "🔁 Force new deployment",
          criteria: [
            {
              operator: "EQUALS",
              variableName: "ActionGroup",
              value: "ecs-deployment",
            },
            {
              operator: "EQUALS",
              variableName: "State",
              value: "SERVICE_DEPLOYMENT_FAILED",
            },
          ],
          variables: {
            "ActionGroup": "event.metadata.additionalContext.ActionGroup",
            "Cluster": "event.metadata.additionalContext.Cluster",
            "Service": "event.metadata.additionalContext.Service",
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
        describeServiceAction.attrCustomActionArn,
        listServiceDeploymentsAction.attrCustomActionArn,
        forceNewDeploymentAction.attrCustomActionArn,
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
    new cdk.CfnOutput(this, "DescribeServiceActionArn", {
      description: "Custom action DescribeService",
      value: describeServiceAction.attrCustomActionArn,
    });
    new cdk.CfnOutput(this, "ListServiceDeploymentsActionArn", {
      description: "Custom action ListServiceDeployments",
      value: listServiceDeploymentsAction.attrCustomActionArn,
    });
    new cdk.CfnOutput(this, "ForceNewDeploymentActionArn", {
      description: "Custom action ForceNewDeployment",
      value: forceNewDeploymentAction.attrCustomActionArn,
    });
    new cdk.CfnOutput(this, "ChannelConfigurationArn", {
      description: "The Slack channel configuration",
      value: slackChannel.attrArn,
    });
  }
}
