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
        kwargs.setdefault("description", "ChatOps Designer: Instance failure")
        super().__init__(scope, construct_id, **kwargs)
        self.template_options.template_format_version = "2010-09-09"

        # Deployment settings, checked as in the other exports: cdk deploy --parameters NAME=VALUE
        sns_topic_name = cdk.CfnParameter(
            self,
            "SnsTopicName",
            type="String",
            description="Name of the SNS topic the rule publishes to and the channel subscribes to",
            default="chatops-codedeploy-instances",
            allowed_pattern="^[A-Za-z0-9_-]{1,256}$",
            constraint_description="must match ^[A-Za-z0-9_-]{1,256}$",
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
                                    cdk.Fn.sub("arn:${AWS::Partition}:events:${AWS::Region}:${AWS::AccountId}:rule/codedeploy-instance-failure"),
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
            name="codedeploy-instance-failure",
            description="An instance failed during a deployment of the group",
            state="ENABLED",
            event_pattern={
                "source": [
                    "aws.codedeploy",
                ],
                "detail-type": [
                    "CodeDeploy Instance State-change Notification",
                ],
                "detail": {
                    "state": [
                        "FAILURE",
                    ],
                },
            },
            targets=[
                events.CfnRule.TargetProperty(
                    id="chatops-sns",
                    arn=chat_ops_topic.ref,
                    input_transformer=events.CfnRule.InputTransformerProperty(
                        input_paths_map={
                            "deploymentGroup": "$.detail.deploymentGroup",
                            "deploymentId": "$.detail.deploymentId",
                            "instanceId": "$.detail.instanceId",
                            "region": "$.region",
                            "time": "$.time",
                        },
                        input_template="{\n  \"version\": \"1.0\",\n  \"source\": \"custom\",\n  \"content\": {\n    \"textType\": \"client-markdown\",\n    \"title\": \":warning: Instance <instanceId> failed in deployment <deploymentId>\",\n    \"description\": \"*Instance:* `<instanceId>`\\n*Deployment group:* <deploymentGroup>\\n*Region:* <region>\\n*Time:* <time>\",\n    \"nextSteps\": [\"Choose *Instance details* for the lifecycle events that failed\", \"Choose *Stop and roll back* to stop the deployment\"],\n    \"keywords\": [\"CodeDeploy\", \"instance\", \"FAILURE\"]\n  },\n  \"metadata\": {\n    \"threadId\": \"codedeploy-<deploymentId>\",\n    \"additionalContext\": {\n      \"ActionGroup\": \"instance-failure\",\n      \"DeploymentId\": \"<deploymentId>\",\n      \"InstanceId\": \"<instanceId>\",\n      \"Region\": \"<region>\"\n    },\n    \"enableCustomActions\": true\n  }\n}",
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
                                "Sid": "ButtonCommandsOnDeploymentgroup",
                                "Effect": "Allow",
                                "Action": [
                                    "codedeploy:GetDeploymentInstance",
                                ],
                                "Resource": cdk.Fn.sub("arn:${AWS::Partition}:codedeploy:${AWS::Region}:${AWS::AccountId}:deploymentgroup:*/*"),
                            },
                            {
                                "Sid": "ButtonCommands",
                                "Effect": "Allow",
                                "Action": [
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
                        "Sid": "ButtonCommandsOnDeploymentgroup",
                        "Effect": "Allow",
                        "Action": [
                            "codedeploy:GetDeploymentInstance",
                        ],
                        "Resource": cdk.Fn.sub("arn:${AWS::Partition}:codedeploy:${AWS::Region}:${AWS::AccountId}:deploymentgroup:*/*"),
                    },
                    {
                        "Sid": "ButtonCommands",
                        "Effect": "Allow",
                        "Action": [
                            "codedeploy:StopDeployment",
                        ],
                        "Resource": "*",
                    },
                ],
            },
        )

        # L1: custom actions have no L2 construct.
        instance_details_action = chatbot.CfnCustomAction(
            self,
            "InstanceDetailsAction",
            action_name="InstanceDetails",
            definition=chatbot.CfnCustomAction.CustomActionDefinitionProperty(
                command_text="codedeploy get-deployment-instance --deployment-id $DeploymentId --instance-id $InstanceId --region $Region",
            ),
            attachments=[
                chatbot.CfnCustomAction.CustomActionAttachmentProperty(
                    notification_type="Custom",
                    button_text="🔍 Instance details",
                    criteria=[
                        chatbot.CfnCustomAction.CustomActionAttachmentCriteriaProperty(
                            operator="EQUALS",
                            variable_name="ActionGroup",
                            value="instance-failure",
                        ),
                        chatbot.CfnCustomAction.CustomActionAttachmentCriteriaProperty(
                            operator="HAS_VALUE",
                            variable_name="InstanceId",
                        ),
                    ],
                    variables={
                        "ActionGroup": "event.metadata.additionalContext.ActionGroup",
                        "DeploymentId": "event.metadata.additionalContext.DeploymentId",
                        "InstanceId": "event.metadata.additionalContext.InstanceId",
                        "Region": "event.metadata.additionalContext.Region",
                    },
                ),
            ],
        )

        stop_after_instance_failure_action = chatbot.CfnCustomAction(
            self,
            "StopAfterInstanceFailureAction",
            action_name="StopAfterInstanceFailure",
            definition=chatbot.CfnCustomAction.CustomActionDefinitionProperty(
                command_text="codedeploy stop-deployment --deployment-id $DeploymentId --region $Region --auto-rollback-enabled",
            ),
            attachments=[
                chatbot.CfnCustomAction.CustomActionAttachmentProperty(
                    notification_type="Custom",
                    button_text="🛑 Stop and roll back",
                    criteria=[
                        chatbot.CfnCustomAction.CustomActionAttachmentCriteriaProperty(
                            operator="EQUALS",
                            variable_name="ActionGroup",
                            value="instance-failure",
                        ),
                        chatbot.CfnCustomAction.CustomActionAttachmentCriteriaProperty(
                            operator="HAS_VALUE",
                            variable_name="DeploymentId",
                        ),
                    ],
                    variables={
                        "ActionGroup": "event.metadata.additionalContext.ActionGroup",
                        "DeploymentId": "event.metadata.additionalContext.DeploymentId",
                        "Region": "event.metadata.additionalContext.Region",
                    },
                ),
            ],
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
            customization_resource_arns=[
                instance_details_action.attr_custom_action_arn,
                stop_after_instance_failure_action.attr_custom_action_arn,
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
            "InstanceDetailsActionArn",
            description="Custom action InstanceDetails",
            value=instance_details_action.attr_custom_action_arn,
        )
        cdk.CfnOutput(
            self,
            "StopAfterInstanceFailureActionArn",
            description="Custom action StopAfterInstanceFailure",
            value=stop_after_instance_failure_action.attr_custom_action_arn,
        )
        cdk.CfnOutput(
            self,
            "ChannelConfigurationArn",
            description="The Slack channel configuration",
            value=slack_channel.attr_arn,
        )
