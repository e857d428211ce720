"""The ChatOps stack designed in ChatOps Designer: its CloudFormation export, as L1 constructs."""

import aws_cdk as cdk
from aws_cdk import aws_chatbot as chatbot
from aws_cdk import aws_events as events
from aws_cdk import aws_iam as iam
from aws_cdk import aws_kms as kms
from aws_cdk import aws_sns as sns
from constructs import Construct


class ChatOpsStack(cdk.Stack):
    def __init__(self, scope: Construct, construct_id: str, **kwargs) -> None:
        kwargs.setdefault("description", "ChatOps Designer: Blank design")
        super().__init__(scope, construct_id, **kwargs)
        self.template_options.template_format_version = "2010-09-09"

        # Deployment settings, checked as in the other exports: cdk deploy --parameters NAME=VALUE
        sns_topic_name = cdk.CfnParameter(
            self,
            "SnsTopicName",
            type="String",
            description="Name of the SNS topic the rule publishes to and the channel subscribes to",
            default="chatops-notifications",
            allowed_pattern="^[A-Za-z0-9_-]{1,256}$",
            constraint_description="must match ^[A-Za-z0-9_-]{1,256}$",
        )
        slack_workspace_id = cdk.CfnParameter(
            self,
            "SlackWorkspaceId",
            type="String",
            description="Slack workspace (team) id, already authorized in the Amazon Q Developer console",
            allowed_pattern="^[0-9A-Z]{1,255}$",
            constraint_description="must match ^[0-9A-Z]{1,255}$",
        )
        slack_channel_id = cdk.CfnParameter(
            self,
            "SlackChannelId",
            type="String",
            description="Slack channel id (the end of the channel's copied link)",
            allowed_pattern="^[A-Za-z0-9]{1,255}$",
            constraint_description="must match ^[A-Za-z0-9]{1,255}$",
        )
        channel_configuration_name = cdk.CfnParameter(
            self,
            "ChannelConfigurationName",
            type="String",
            description="Name of the Slack channel configuration",
            default="chatops",
            allowed_pattern="^[A-Za-z0-9_-]{1,128}$",
            constraint_description="must match ^[A-Za-z0-9_-]{1,128}$",
        )

        # L1: kms.Key adds a Retain deletion policy and a key policy of its own.
        chat_ops_topic_key = kms.CfnKey(
            self,
            "ChatOpsTopicKey",
            description="Encrypts the ChatOps SNS topic; EventBridge may use it to publish",
            enable_key_rotation=True,
            key_policy={
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
        )

        # L1: sns.Topic would put its policy in an AWS::SNS::TopicPolicy, not the inline policy below.
        chat_ops_topic = sns.CfnTopic(
            self,
            "ChatOpsTopic",
            topic_name=sns_topic_name.value_as_string,
            kms_master_key_id=chat_ops_topic_key.attr_arn,
        )

        # L1: no L2 construct writes a topic's inline policy.
        sns.CfnTopicInlinePolicy(
            self,
            "ChatOpsTopicPolicy",
            topic_arn=chat_ops_topic.ref,
            policy_document={
                "Version": "2012-10-17",
                "Statement": [
                    {
                        "Sid": "AllowEventBridgePublish",
                        "Effect": "Allow",
                        "Principal": {
                            "Service": "events.amazonaws.com",
                        },
                        "Action": "sns:Publish",
                        "Resource": chat_ops_topic.ref,
                        "Condition": {
                            "StringEquals": {
                                "aws:SourceAccount": cdk.Aws.ACCOUNT_ID,
                                "aws:SourceArn": [
                                    cdk.Fn.sub("arn:${AWS::Partition}:events:${AWS::Region}:${AWS::AccountId}:rule/codedeploy-notification"),
                                ],
                            },
                        },
                    },
                ],
            },
        )

        # L1: the input template must reach the rule byte for byte; events.Rule's RuleTargetInput rewrites it and renames the targets.
        deployment_rule = events.CfnRule(
            self,
            "DeploymentRule",
            name="codedeploy-notification",
            state="ENABLED",
            event_pattern={
                "source": [
                    "aws.codedeploy",
                ],
                "detail-type": [
                    "CodeDeploy Deployment State-change Notification",
                ],
            },
            targets=[
                events.CfnRule.TargetProperty(
                    id="chatops-sns",
                    arn=chat_ops_topic.ref,
                    input_transformer=events.CfnRule.InputTransformerProperty(
                        input_paths_map={
                            "deploymentId": "$.detail.deploymentId",
                            "state": "$.detail.state",
                        },
                        input_template="{\n  \"version\": \"1.0\",\n  \"source\": \"custom\",\n  \"content\": {\n    \"textType\": \"client-markdown\",\n    \"description\": \"Deployment <deploymentId> is <state>\"\n  },\n  \"metadata\": {\n    \"enableCustomActions\": true\n  }\n}",
                    ),
                ),
            ],
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
                                "Sid": "NotificationsOnly",
                                "Effect": "Allow",
                                "Action": [
                                    "cloudwatch:Describe*",
                                    "cloudwatch:Get*",
                                    "cloudwatch:List*",
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
                        "Sid": "NotificationsOnly",
                        "Effect": "Allow",
                        "Action": [
                            "cloudwatch:Describe*",
                            "cloudwatch:Get*",
                            "cloudwatch:List*",
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
                chat_ops_topic.ref,
            ],
            logging_level="ERROR",
            guardrail_policies=[
                channel_guardrail.ref,
            ],
        )

        cdk.CfnOutput(
            self,
            "SnsTopicArn",
            description="The topic the rule publishes to",
            value=chat_ops_topic.ref,
        )
        cdk.CfnOutput(
            self,
            "EventRuleArn",
            description="The EventBridge rule",
            value=deployment_rule.attr_arn,
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
