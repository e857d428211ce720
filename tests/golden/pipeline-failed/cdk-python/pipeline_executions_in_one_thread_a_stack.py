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
        kwargs.setdefault("description", "ChatOps Designer: Pipeline executions in one thread, a failed stage with retry")
        super().__init__(scope, construct_id, **kwargs)
        self.template_options.template_format_version = "2010-09-09"

        # Deployment settings, checked as in the other exports: cdk deploy --parameters NAME=VALUE
        sns_topic_name = cdk.CfnParameter(
            self,
            "SnsTopicName",
            type="String",
            description="Name of the SNS topic the rule publishes to and the channel subscribes to",
            default="chatops-pipelines",
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
            default="chatops-pipelines",
            allowed_pattern="^[A-Za-z0-9_-]{1,128}$",
            constraint_description="must match ^[A-Za-z0-9_-]{1,128}$",
        )
        codepipeline_pipeline = cdk.CfnParameter(
            self,
            "CodepipelinePipeline",
            type="String",
            description="CodePipeline pipeline whose executions the rule matches and the buttons act on",
            default="myPipeline",
            allowed_pattern="^[A-Za-z0-9.@_-]{1,100}$",
            constraint_description="must match ^[A-Za-z0-9.@_-]{1,100}$",
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
                                    cdk.Fn.sub("arn:${AWS::Partition}:events:${AWS::Region}:${AWS::AccountId}:rule/pipeline-execution"),
                                    cdk.Fn.sub("arn:${AWS::Partition}:events:${AWS::Region}:${AWS::AccountId}:rule/pipeline-stage-failed"),
                                ],
                            },
                        },
                    },
                ],
            },
        )

        # L1: the input template must reach the rule byte for byte; events.Rule's RuleTargetInput rewrites it and renames the targets.
        pipeline_execution_rule = events.CfnRule(
            self,
            "PipelineExecutionRule",
            name="pipeline-execution",
            description="A pipeline execution starts, succeeds or fails",
            state="ENABLED",
            event_pattern={
                "source": [
                    "aws.codepipeline",
                ],
                "detail-type": [
                    "CodePipeline Pipeline Execution State Change",
                ],
                "detail": {
                    "state": [
                        "STARTED",
                        "SUCCEEDED",
                        "FAILED",
                    ],
                    "pipeline": [
                        codepipeline_pipeline.value_as_string,
                    ],
                },
            },
            targets=[
                events.CfnRule.TargetProperty(
                    id="chatops-sns",
                    arn=chat_ops_topic.ref,
                    input_transformer=events.CfnRule.InputTransformerProperty(
                        input_paths_map={
                            "executionId": "$.detail.execution-id",
                            "pipeline": "$.detail.pipeline",
                            "region": "$.region",
                            "state": "$.detail.state",
                            "time": "$.time",
                        },
                        input_template="{\n  \"version\": \"1.0\",\n  \"source\": \"custom\",\n  \"content\": {\n    \"textType\": \"client-markdown\",\n    \"title\": \"Pipeline <pipeline>: <state>\",\n    \"description\": \"*Execution:* <executionId>\\n*Region:* <region>\\n*Time:* <time>\",\n    \"keywords\": [\"CodePipeline\", \"<state>\"]\n  },\n  \"metadata\": {\n    \"threadId\": \"pipeline-<executionId>\",\n    \"additionalContext\": {\n      \"ActionGroup\": \"pipeline-execution\",\n      \"Pipe\": \"<pipeline>\",\n      \"Id\": \"<executionId>\",\n      \"State\": \"<state>\",\n      \"Rgn\": \"<region>\"\n    },\n    \"enableCustomActions\": true\n  }\n}",
                    ),
                ),
            ],
        )

        pipeline_stage_failed_rule = events.CfnRule(
            self,
            "PipelineStageFailedRule",
            name="pipeline-stage-failed",
            description="A stage of the pipeline fails",
            state="ENABLED",
            event_pattern={
                "source": [
                    "aws.codepipeline",
                ],
                "detail-type": [
                    "CodePipeline Stage Execution State Change",
                ],
                "detail": {
                    "state": [
                        "FAILED",
                    ],
                    "pipeline": [
                        codepipeline_pipeline.value_as_string,
                    ],
                },
            },
            targets=[
                events.CfnRule.TargetProperty(
                    id="chatops-sns",
                    arn=chat_ops_topic.ref,
                    input_transformer=events.CfnRule.InputTransformerProperty(
                        input_paths_map={
                            "executionId": "$.detail.execution-id",
                            "pipeline": "$.detail.pipeline",
                            "region": "$.region",
                            "stage": "$.detail.stage",
                            "time": "$.time",
                        },
                        input_template="{\n  \"version\": \"1.0\",\n  \"source\": \"custom\",\n  \"content\": {\n    \"textType\": \"client-markdown\",\n    \"title\": \":rotating_light: Stage <stage> of <pipeline> failed\",\n    \"description\": \"*Execution:* <executionId>\\n*Region:* <region>\\n*Time:* <time>\",\n    \"nextSteps\": [\"Choose *Execution* for the failed actions' errors\", \"Once fixed, choose *Retry stage* to rerun its failed actions in the same execution\"],\n    \"keywords\": [\"CodePipeline\", \"FAILED\"]\n  },\n  \"metadata\": {\n    \"threadId\": \"pipeline-<executionId>\",\n    \"additionalContext\": {\n      \"ActionGroup\": \"stage-failed\",\n      \"Pipe\": \"<pipeline>\",\n      \"Stage\": \"<stage>\",\n      \"Id\": \"<executionId>\",\n      \"Rgn\": \"<region>\"\n    },\n    \"enableCustomActions\": true\n  }\n}",
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
                                "Sid": "ButtonCommandsOnPipeline",
                                "Effect": "Allow",
                                "Action": [
                                    "codepipeline:GetPipelineExecution",
                                    "codepipeline:StopPipelineExecution",
                                ],
                                "Resource": cdk.Fn.sub("arn:${AWS::Partition}:codepipeline:${AWS::Region}:${AWS::AccountId}:${CodepipelinePipeline}"),
                            },
                            {
                                "Sid": "ButtonCommandsOnStage",
                                "Effect": "Allow",
                                "Action": [
                                    "codepipeline:RetryStageExecution",
                                ],
                                "Resource": cdk.Fn.sub("arn:${AWS::Partition}:codepipeline:${AWS::Region}:${AWS::AccountId}:${CodepipelinePipeline}/*"),
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
                        "Sid": "ButtonCommandsOnPipeline",
                        "Effect": "Allow",
                        "Action": [
                            "codepipeline:GetPipelineExecution",
                            "codepipeline:StopPipelineExecution",
                        ],
                        "Resource": cdk.Fn.sub("arn:${AWS::Partition}:codepipeline:${AWS::Region}:${AWS::AccountId}:${CodepipelinePipeline}"),
                    },
                    {
                        "Sid": "ButtonCommandsOnStage",
                        "Effect": "Allow",
                        "Action": [
                            "codepipeline:RetryStageExecution",
                        ],
                        "Resource": cdk.Fn.sub("arn:${AWS::Partition}:codepipeline:${AWS::Region}:${AWS::AccountId}:${CodepipelinePipeline}/*"),
                    },
                ],
            },
        )

        # L1: custom actions have no L2 construct.
        retry_stage_action = chatbot.CfnCustomAction(
            self,
            "RetryStageAction",
            action_name="RetryStage",
            definition=chatbot.CfnCustomAction.CustomActionDefinitionProperty(
                command_text="codepipeline retry-stage-execution --pipeline-name $Pipe --stage-name $Stage --pipeline-execution-id $Id --retry-mode FAILED_ACTIONS --region $Rgn",
            ),
            attachments=[
                chatbot.CfnCustomAction.CustomActionAttachmentProperty(
                    notification_type="Custom",
                    button_text="🔁 Retry stage",
                    criteria=[
                        chatbot.CfnCustomAction.CustomActionAttachmentCriteriaProperty(
                            operator="EQUALS",
                            variable_name="ActionGroup",
                            value="stage-failed",
                        ),
                        chatbot.CfnCustomAction.CustomActionAttachmentCriteriaProperty(
                            operator="HAS_VALUE",
                            variable_name="Stage",
                        ),
                    ],
                    variables={
                        "ActionGroup": "event.metadata.additionalContext.ActionGroup",
                        "Pipe": "event.metadata.additionalContext.Pipe",
                        "Stage": "event.metadata.additionalContext.Stage",
                        "Id": "event.metadata.additionalContext.Id",
                        "Rgn": "event.metadata.additionalContext.Rgn",
                    },
                ),
            ],
        )

        get_execution_action = chatbot.CfnCustomAction(
            self,
            "GetExecutionAction",
            action_name="GetExecution",
            definition=chatbot.CfnCustomAction.CustomActionDefinitionProperty(
                command_text="codepipeline get-pipeline-execution --pipeline-name $Pipe --pipeline-execution-id $Id --region $Rgn",
            ),
            attachments=[
                chatbot.CfnCustomAction.CustomActionAttachmentProperty(
                    notification_type="Custom",
                    button_text="🔍 Execution",
                    criteria=[
                        chatbot.CfnCustomAction.CustomActionAttachmentCriteriaProperty(
                            operator="HAS_VALUE",
                            variable_name="Pipe",
                        ),
                        chatbot.CfnCustomAction.CustomActionAttachmentCriteriaProperty(
                            operator="HAS_VALUE",
                            variable_name="Id",
                        ),
                    ],
                    variables={
                        "Pipe": "event.metadata.additionalContext.Pipe",
                        "Id": "event.metadata.additionalContext.Id",
                        "Rgn": "event.metadata.additionalContext.Rgn",
                    },
                ),
            ],
        )

        stop_execution_action = chatbot.CfnCustomAction(
            self,
            "StopExecutionAction",
            action_name="StopExecution",
            definition=chatbot.CfnCustomAction.CustomActionDefinitionProperty(
                command_text="codepipeline stop-pipeline-execution --pipeline-name $Pipe --pipeline-execution-id $Id --region $Rgn",
            ),
            attachments=[
                chatbot.CfnCustomAction.CustomActionAttachmentProperty(
                    notification_type="Custom",
                    button_text="⏹ Stop",
                    criteria=[
                        chatbot.CfnCustomAction.CustomActionAttachmentCriteriaProperty(
                            operator="EQUALS",
                            variable_name="ActionGroup",
                            value="pipeline-execution",
                        ),
                        chatbot.CfnCustomAction.CustomActionAttachmentCriteriaProperty(
                            operator="EQUALS",
                            variable_name="State",
                            value="STARTED",
                        ),
                    ],
                    variables={
                        "ActionGroup": "event.metadata.additionalContext.ActionGroup",
                        "Pipe": "event.metadata.additionalContext.Pipe",
                        "Id": "event.metadata.additionalContext.Id",
                        "State": "event.metadata.additionalContext.State",
                        "Rgn": "event.metadata.additionalContext.Rgn",
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
                retry_stage_action.attr_custom_action_arn,
                get_execution_action.attr_custom_action_arn,
                stop_execution_action.attr_custom_action_arn,
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
            "PipelineExecutionRuleArn",
            description="The EventBridge rule pipeline-execution",
            value=pipeline_execution_rule.attr_arn,
        )
        cdk.CfnOutput(
            self,
            "PipelineStageFailedRuleArn",
            description="The EventBridge rule pipeline-stage-failed",
            value=pipeline_stage_failed_rule.attr_arn,
        )
        cdk.CfnOutput(
            self,
            "ChannelRoleArn",
            description="The role channel members' commands run with",
            value=channel_role.attr_arn,
        )
        cdk.CfnOutput(
            self,
            "RetryStageActionArn",
            description="Custom action RetryStage",
            value=retry_stage_action.attr_custom_action_arn,
        )
        cdk.CfnOutput(
            self,
            "GetExecutionActionArn",
            description="Custom action GetExecution",
            value=get_execution_action.attr_custom_action_arn,
        )
        cdk.CfnOutput(
            self,
            "StopExecutionActionArn",
            description="Custom action StopExecution",
            value=stop_execution_action.attr_custom_action_arn,
        )
        cdk.CfnOutput(
            self,
            "ChannelConfigurationArn",
            description="The Slack channel configuration",
            value=slack_channel.attr_arn,
        )
