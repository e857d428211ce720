"""The ChatOps stack designed in ChatOps Designer: its CloudFormation export, as L1 constructs."""

import aws_cdk as cdk
from aws_cdk import aws_chatbot as chatbot
from constructs import Construct


class ChatOpsStack(cdk.Stack):
    def __init__(self, scope: Construct, construct_id: str, **kwargs) -> None:
        kwargs.setdefault("description", "ChatOps Designer: Blue/green deployment ready for validation")
        super().__init__(scope, construct_id, **kwargs)
        self.template_options.template_format_version = "2010-09-09"

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
