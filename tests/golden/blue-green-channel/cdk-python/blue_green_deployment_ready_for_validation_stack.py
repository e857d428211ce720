"""The ChatOps stack designed in ChatOps Designer: its CloudFormation export, as L1 constructs."""

import aws_cdk as cdk
from aws_cdk import aws_chatbot as chatbot
from aws_cdk import aws_iam as iam
from constructs import Construct


class ChatOpsStack(cdk.Stack):
    def __init__(self, scope: Construct, construct_id: str, **kwargs) -> None:
        kwargs.setdefault("description", "ChatOps Designer: Blue/green deployment ready for validation")
        super().__init__(scope, construct_id, **kwargs)
        self.template_options.template_format_version = "2010-09-09"

        # Deployment settings, checked as in the other exports: cdk deploy --parameters NAME=VALUE
        sns_topic_arn = cdk.CfnParameter(
            self,
            "SnsTopicArn",
            type="String",
            description="ARN of the existing SNS topic",
            allowed_pattern="^arn:[A-Za-z0-9:/_.+=@-]{1,1160}$",
            constraint_description="must match ^arn:[A-Za-z0-9:/_.+=@-]{1,1160}$",
        )
        slack_workspace_id = cdk.CfnParameter(
            self,
            "SlackWorkspaceId",
            type="String",
            description="Slack workspace (team) id, already authorized in the Amazon Q Developer console",
            default="T0123ABCDEF",
            allowed_pattern="^[0-9A-Z]{1,255}$",
            constraint_description="must match ^[0-9A-Z]{1,255}$",
        )
        slack_channel_id = cdk.CfnParameter(
            self,
            "SlackChannelId",
            type="String",
            description="Slack channel id (the end of the channel's copied link)",
            default="C0123ABCDEF",
            allowed_pattern="^[A-Za-z0-9]{1,255}$",
            constraint_description="must match ^[A-Za-z0-9]{1,255}$",
        )
        channel_configuration_name = cdk.CfnParameter(
            self,
            "ChannelConfigurationName",
            type="String",
            description="Name of the Slack channel configuration",
            default="chatops-deployments",
            allowed_pattern="^[A-Za-z0-9_-]{1,128}$",
            constraint_description="must match ^[A-Za-z0-9_-]{1,128}$",
        )

        # L1: iam.Role would move the inline policy into a separate AWS::IAM::Policy.
        channel_role = iam.CfnRole(
            self,
            "ChannelRole",
            assume_role_policy_document={
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
            policies=[
                iam.CfnRole.PolicyProperty(
                    policy_name="chatops-button-commands",
                    policy_document={
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
                ),
            ],
        )

        # L1: the policy document as the design lowers it, statement for statement.
        channel_guardrail = iam.CfnManagedPolicy(
            self,
            "ChannelGuardrail",
            description="Guardrail: what any command run from the channel may do",
            policy_document={
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
        )

        # L1: chatbot.SlackChannelConfiguration creates a role of its own unless given one; this one lists the custom actions and the guardrail as the design does.
        slack_channel = chatbot.CfnSlackChannelConfiguration(
            self,
            "SlackChannel",
            configuration_name=channel_configuration_name.value_as_string,
            iam_role_arn=channel_role.attr_arn,
            slack_workspace_id=slack_workspace_id.value_as_string,
            slack_channel_id=slack_channel_id.value_as_string,
            sns_topic_arns=[
                sns_topic_arn.value_as_string,
            ],
            logging_level="ERROR",
            guardrail_policies=[
                channel_guardrail.ref,
            ],
            customization_resource_arns=[
                cdk.Fn.sub("arn:${AWS::Partition}:chatbot::${AWS::AccountId}:custom-action/SwitchTasks"),
                cdk.Fn.sub("arn:${AWS::Partition}:chatbot::${AWS::AccountId}:custom-action/RollbackDeployment"),
                cdk.Fn.sub("arn:${AWS::Partition}:chatbot::${AWS::AccountId}:custom-action/TerminateOldTask"),
            ],
        )

        cdk.CfnOutput(
            self,
            "ChannelRoleArn",
            description="The role channel members' commands run with",
            value=channel_role.attr_arn,
        )
        cdk.CfnOutput(
            self,
            "ChannelConfigurationArn",
            description="The Slack channel configuration",
            value=slack_channel.attr_arn,
        )
