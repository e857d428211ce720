import * as cdk from "aws-cdk-lib";
import * as chatbot from "aws-cdk-lib/aws-chatbot";
import * as iam from "aws-cdk-lib/aws-iam";
import { Construct } from "constructs";

/** The ChatOps stack designed in ChatOps Designer: its CloudFormation export, as L1 constructs. */
export class ChatOpsStack extends cdk.Stack {
  constructor(scope: Construct, id: string, props?: cdk.StackProps) {
    super(scope, id, { description: "ChatOps Designer: Blue/green deployment ready for validation", ...props });
    this.templateOptions.templateFormatVersion = "2010-09-09";

    // Deployment settings, checked as in the other exports: cdk deploy --parameters NAME=VALUE
    const snsTopicArn = new cdk.CfnParameter(this, "SnsTopicArn", {
      type: "String",
      description: "ARN of the existing SNS topic",
      allowedPattern: "^arn:[A-Za-z0-9:/_.+=@-]{1,1160}$",
      constraintDescription: "must match ^arn:[A-Za-z0-9:/_.+=@-]{1,1160}$",
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
                  "codedeploy:ContinueDeployment",
                  "codedeploy:StopDeployment",
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
              "codedeploy:ContinueDeployment",
              "codedeploy:StopDeployment",
            ],
            "Resource": "*",
          },
        ],
      },
    });

    // L1: chatbot.SlackChannelConfiguration creates a role of its own unless given one; this one lists the custom actions and the guardrail as the design does.
    const slackChannel = new chatbot.CfnSlackChannelConfiguration(this, "SlackChannel", {
      configurationName: channelConfigurationName.valueAsString,
      iamRoleArn: channelRole.attrArn,
      slackWorkspaceId: slackWorkspaceId.valueAsString,
      slackChannelId: slackChannelId.valueAsString,
      snsTopicArns: [
        snsTopicArn.valueAsString,
      ],
      loggingLevel: "ERROR",
      guardrailPolicies: [
        channelGuardrail.ref,
      ],
      customizationResourceArns: [
        cdk.Fn.sub("arn:${AWS::Partition}:chatbot::${AWS::AccountId}:custom-action/SwitchTasks"),
        cdk.Fn.sub("arn:${AWS::Partition}:chatbot::${AWS::AccountId}:custom-action/RollbackDeployment"),
        cdk.Fn.sub("arn:${AWS::Partition}:chatbot::${AWS::AccountId}:custom-action/TerminateOldTask"),
      ],
    });

    new cdk.CfnOutput(this, "ChannelRoleArn", {
      description: "The role channel members' commands run with",
      value: channelRole.attrArn,
    });
    new cdk.CfnOutput(this, "ChannelConfigurationArn", {
      description: "The Slack channel configuration",
      value: slackChannel.attrArn,
    });
  }
}
