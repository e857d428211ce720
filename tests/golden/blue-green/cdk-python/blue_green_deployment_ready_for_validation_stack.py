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
        kwargs.setdefault("description", "ChatOps Designer: Blue/green deployment ready for validation")
        super().__init__(scope, construct_id, **kwargs)
        self.template_options.template_format_version = "2010-09-09"

        # Deployment settings, checked as in the other exports: cdk deploy --parameters NAME=VALUE
        sns_topic_name = cdk.CfnParameter(
            self,
            "SnsTopicName",
            type="String",
            description="Name of the SNS topic the rule publishes to and the channel subscribes to",
            default="chatops-codedeploy",
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
        codedeploy_deployment_group = cdk.CfnParameter(
            self,
            "CodedeployDeploymentGroup",
            type="String",
            description="CodeDeploy deployment group whose deployments the rule matches",
            default="my-service-dg-bluegreen",
            allowed_pattern="^[A-Za-z0-9_.+=,@-]{1,100}$",
            constraint_description="must match ^[A-Za-z0-9_.+=,@-]{1,100}$",
        )
        param_green_url = cdk.CfnParameter(
            self,
            "ParamGreenUrl",
            type="String",
            description="Notification parameter greenUrl (spliced into the input template)",
            default="https://green.example.com",
            allowed_pattern="^[^\"\\\\<>\\x00-\\x1f\\x7f]*$",
            constraint_description="must not contain quotes, backslashes, angle brackets or control characters",
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
                                    cdk.Fn.sub("arn:${AWS::Partition}:events:${AWS::Region}:${AWS::AccountId}:rule/codedeploy-bluegreen-ready"),
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
            name="codedeploy-bluegreen-ready",
            description="A blue/green deployment is ready for validation",
            state="ENABLED",
            event_pattern={
                "source": [
                    "aws.codedeploy",
                ],
                "detail-type": [
                    "CodeDeploy Deployment State-change Notification",
                ],
                "detail": {
                    "state": [
                        "READY",
                    ],
                    "deploymentGroup": [
                        codedeploy_deployment_group.value_as_string,
                    ],
                },
            },
            targets=[
                events.CfnRule.TargetProperty(
                    id="chatops-sns",
                    arn=chat_ops_topic.ref,
                    input_transformer=events.CfnRule.InputTransformerProperty(
                        input_paths_map={
                            "account": "$.account",
                            "deploymentGroup": "$.detail.deploymentGroup",
                            "deploymentId": "$.detail.deploymentId",
                            "region": "$.region",
                            "time": "$.time",
                        },
                        input_template=cdk.Fn.sub("{\n  \"version\": \"1.0\",\n  \"source\": \"custom\",\n  \"content\": {\n    \"textType\": \"client-markdown\",\n    \"title\": \":large_blue_circle::large_green_circle: Deployment is now ready for validation\",\n    \"description\": \"*Account:* <account>\\n*Region:* <region>\\n*Deployment group:* <deploymentGroup>\\n*Deployment ID:* <deploymentId>\\n*Time:* <time>\",\n    \"nextSteps\": [\"Validate the green environment at ${ParamGreenUrl}\", \"When it works, choose *Switch task sets* to shift production traffic, then *Terminate old task set*\", \"When it does not, choose *Rollback*\"],\n    \"keywords\": [\"CodeDeploy\", \"blue/green\"]\n  },\n  \"metadata\": {\n    \"additionalContext\": {\n      \"ActionGroup\": \"blue-green-deployment\",\n      \"DeploymentId\": \"<deploymentId>\",\n      \"Region\": \"<region>\"\n    },\n    \"enableCustomActions\": true\n  }\n}"),
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

        # L1: custom actions have no L2 construct.
        switch_tasks_action = chatbot.CfnCustomAction(
            self,
            "SwitchTasksAction",
            action_name="SwitchTasks",
            definition=chatbot.CfnCustomAction.CustomActionDefinitionProperty(
                command_text="codedeploy continue-deployment --deployment-id $DeploymentId --region $Region --deployment-wait-type READY_WAIT",
            ),
            attachments=[
                chatbot.CfnCustomAction.CustomActionAttachmentProperty(
                    notification_type="Custom",
                    button_text="🔁 Switch task sets",
                    criteria=[
                        chatbot.CfnCustomAction.CustomActionAttachmentCriteriaProperty(
                            operator="EQUALS",
                            variable_name="ActionGroup",
                            value="blue-green-deployment",
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

        rollback_deployment_action = chatbot.CfnCustomAction(
            self,
            "RollbackDeploymentAction",
            action_name="RollbackDeployment",
            definition=chatbot.CfnCustomAction.CustomActionDefinitionProperty(
                command_text="codedeploy stop-deployment --deployment-id $DeploymentId --region $Region --auto-rollback-enabled",
            ),
            attachments=[
                chatbot.CfnCustomAction.CustomActionAttachmentProperty(
                    notification_type="Custom",
                    button_text="🔙 Rollback",
                    criteria=[
                        chatbot.CfnCustomAction.CustomActionAttachmentCriteriaProperty(
                            operator="EQUALS",
                            variable_name="ActionGroup",
                            value="blue-green-deployment",
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

        terminate_old_task_action = chatbot.CfnCustomAction(
            self,
            "TerminateOldTaskAction",
            action_name="TerminateOldTask",
            definition=chatbot.CfnCustomAction.CustomActionDefinitionProperty(
                command_text="codedeploy continue-deployment --deployment-id $DeploymentId --region $Region --deployment-wait-type TERMINATION_WAIT",
            ),
            attachments=[
                chatbot.CfnCustomAction.CustomActionAttachmentProperty(
                    notification_type="Custom",
                    button_text="🧹 Terminate old task set",
                    criteria=[
                        chatbot.CfnCustomAction.CustomActionAttachmentCriteriaProperty(
                            operator="EQUALS",
                            variable_name="ActionGroup",
                            value="blue-green-deployment",
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
                switch_tasks_action.attr_custom_action_arn,
                rollback_deployment_action.attr_custom_action_arn,
                terminate_old_task_action.attr_custom_action_arn,
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
            "SwitchTasksActionArn",
            description="Custom action SwitchTasks",
            value=switch_tasks_action.attr_custom_action_arn,
        )
        cdk.CfnOutput(
            self,
            "RollbackDeploymentActionArn",
            description="Custom action RollbackDeployment",
            value=rollback_deployment_action.attr_custom_action_arn,
        )
        cdk.CfnOutput(
            self,
            "TerminateOldTaskActionArn",
            description="Custom action TerminateOldTask",
            value=terminate_old_task_action.attr_custom_action_arn,
        )
        cdk.CfnOutput(
            self,
            "ChannelConfigurationArn",
            description="The Slack channel configuration",
            value=slack_channel.attr_arn,
        )
