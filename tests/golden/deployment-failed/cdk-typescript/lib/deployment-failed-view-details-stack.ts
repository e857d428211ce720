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
    super(scope, id, { description: "ChatOps Designer: Deployment failed: view details", ...props });
    this.templateOptions.templateFormatVersion = "2010-09-09";

    // Deployment settings, checked as in the other exports: cdk deploy --parameters NAME=VALUE
    const snsTopicName = new cdk.CfnParameter(this, "SnsTopicName", {
      type: "String",
      description: "Name of the SNS topic the rule publishes to and the channel subscribes to",
      default: "chatops-codedeploy-failures",
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
      default: "chatops-deployments",
      allowedPattern: "^[A-Za-z0-9_-]{1,128}$",
      constraintDescription: "must match ^[A-Za-z0-9_-]{1,128}$",
    });
    const codedeployDeploymentGroup = new cdk.CfnParameter(this, "CodedeployDeploymentGroup", {
      type: "String",
      description: "CodeDeploy deployment group whose deployments the rule matches and the buttons act on",
      default: "my-service-dg-bluegreen",
      allowedPattern: "^[A-Za-z0-9_.+=,@-]{1,100}$",
      constraintDescription: "must match ^[A-Za-z0-9_.+=,@-]{1,100}$",
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
                  cdk.Fn.sub("arn:${AWS::Partition}:events:${AWS::Region}:${AWS::AccountId}:rule/codedeploy-deployment-failed"),
                ],
              },
            },
          },
        ],
      },
    });

    // L1: the input template must reach the rule byte for byte; events.Rule's RuleTargetInput rewrites it and renames the targets.
    const deploymentRule = new events.CfnRule(this, "DeploymentRule", {
      name: "codedeploy-deployment-failed",
      description: "A deployment of the group failed",
      state: "ENABLED",
      eventPattern: {
        "source": [
          "aws.codedeploy",
        ],
        "detail-type": [
          "CodeDeploy Deployment State-change Notification",
        ],
        "detail": {
          "state": [
            "FAILURE",
          ],
          "deploymentGroup": [
            codedeployDeploymentGroup.valueAsString,
          ],
        },
      },
      targets: [
        {
          id: "chatops-sns",
          arn: chatOpsTopic.ref,
          inputTransformer: {
            inputPathsMap: {
              "account": "$.account",
              "application": "$.detail.application",
              "deploymentGroup": "$.detail.deploymentGroup",
              "deploymentId": "$.detail.deploymentId",
              "region": "$.region",
              "state": "$.detail.state",
              "time": "$.time",
            },
            inputTemplate: "{\n  \"version\": \"1.0\",\n  \"source\": \"custom\",\n  \"content\": {\n    \"textType\": \"client-markdown\",\n    \"title\": \":rotating_light: Deployment <deploymentId> failed\",\n    \"description\": \"*Application:* <application>\\n*Deployment group:* <deploymentGroup>\\n*Region:* <region>\\n*Time:* <time>\\n\\nCodeDeploy rolls back automatically when the group's auto-rollback is on; otherwise redeploy the last good revision.\",\n    \"nextSteps\": [\"Choose *View details* for the error information\", \"Choose *Failed instances* to see which targets failed\", \"Check the service logs of <deploymentGroup>\"],\n    \"keywords\": [\"CodeDeploy\", \"FAILURE\"]\n  },\n  \"metadata\": {\n    \"summary\": \"CodeDeploy deployment <deploymentId> failed\",\n    \"eventType\": \"CodeDeploy Deployment State-change Notification\",\n    \"relatedResources\": [\"arn:aws:codedeploy:<region>:<account>:deploymentgroup:<application>/<deploymentGroup>\"],\n    \"additionalContext\": {\n      \"ActionGroup\": \"deployment-failed\",\n      \"DeploymentId\": \"<deploymentId>\",\n      \"Region\": \"<region>\"\n    },\n    \"enableCustomActions\": true\n  }\n}",
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
                "Sid": "ButtonCommandsOnDeploymentgroup",
                "Effect": "Allow",
                "Action": [
                  "codedeploy:GetDeployment",
                ],
                "Resource": cdk.Fn.sub("arn:${AWS::Partition}:codedeploy:${AWS::Region}:${AWS::AccountId}:deploymentgroup:*/${CodedeployDeploymentGroup}"),
              },
              {
                "Sid": "ButtonCommands",
                "Effect": "Allow",
                "Action": [
                  "codedeploy:ListDeploymentTargets",
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
            "Sid": "ButtonCommandsOnDeploymentgroup",
            "Effect": "Allow",
            "Action": [
              "codedeploy:GetDeployment",
            ],
            "Resource": cdk.Fn.sub("arn:${AWS::Partition}:codedeploy:${AWS::Region}:${AWS::AccountId}:deploymentgroup:*/${CodedeployDeploymentGroup}"),
          },
          {
            "Sid": "ButtonCommands",
            "Effect": "Allow",
            "Action": [
              "codedeploy:ListDeploymentTargets",
            ],
            "Resource": "*",
          },
        ],
      },
    });

    // L1: custom actions have no L2 construct.
    const viewDeploymentDetailsAction = new chatbot.CfnCustomAction(this, "ViewDeploymentDetailsAction", {
      actionName: "ViewDeploymentDetails",
      definition: {
        commandText: "codedeploy get-deployment --deployment-id $DeploymentId --region $Region",
      },
      attachments: [
        {
          notificationType: "Custom",
          buttonText: "🔍 View details",
          criteria: [
            {
              operator: "EQUALS",
              variableName: "ActionGroup",
              value: "deployment-failed",
            },
            {
              operator: "HAS_VALUE",
              variableName: "DeploymentId",
            },
          ],
          variables: {
            "ActionGroup": "event.metadata.additionalContext.ActionGroup",
            "DeploymentId": "event.metadata.additionalContext.DeploymentId",
            "Region": "event.metadata.additionalContext.Region",
          },
        },
      ],
    });

    const listFailedInstancesAction = new chatbot.CfnCustomAction(this, "ListFailedInstancesAction", {
      actionName: "ListFailedInstances",
      definition: {
        commandText: "codedeploy list-deployment-targets --deployment-id $DeploymentId --target-filters targetStatus=Failed --region $Region",
      },
      attachments: [
        {
          notificationType: "Custom",
          buttonText: "📋 Failed instances",
          criteria: [
            {
              operator: "EQUALS",
              variableName: "ActionGroup",
              value: "deployment-failed",
            },
            {
              operator: "HAS_VALUE",
              variableName: "DeploymentId",
            },
          ],
          variables: {
            "ActionGroup": "event.metadata.additionalContext.ActionGroup",
            "DeploymentId": "event.metadata.additionalContext.DeploymentId",
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
        viewDeploymentDetailsAction.attrCustomActionArn,
        listFailedInstancesAction.attrCustomActionArn,
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
    new cdk.CfnOutput(this, "ViewDeploymentDetailsActionArn", {
      description: "Custom action ViewDeploymentDetails",
      value: viewDeploymentDetailsAction.attrCustomActionArn,
    });
    new cdk.CfnOutput(this, "ListFailedInstancesActionArn", {
      description: "Custom action ListFailedInstances",
      value: listFailedInstancesAction.attrCustomActionArn,
    });
    new cdk.CfnOutput(this, "ChannelConfigurationArn", {
      description: "The Slack channel configuration",
      value: slackChannel.attrArn,
    });
  }
}
