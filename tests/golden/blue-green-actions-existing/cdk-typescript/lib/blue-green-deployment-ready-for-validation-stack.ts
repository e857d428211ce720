import * as cdk from "aws-cdk-lib";
import * as chatbot from "aws-cdk-lib/aws-chatbot";
import { Construct } from "constructs";

/** The ChatOps stack designed in ChatOps Designer: its CloudFormation export, as L1 constructs. */
export class ChatOpsStack extends cdk.Stack {
  constructor(scope: Construct, id: string, props?: cdk.StackProps) {
    super(scope, id, { description: "ChatOps Designer: Blue/green deployment ready for validation", ...props });
    this.templateOptions.templateFormatVersion = "2010-09-09";

    // L1: custom actions have no L2 construct.
    const switchTasksAction = new chatbot.CfnCustomAction(this, "SwitchTasksAction", {
      actionName: "SwitchTasks",
      definition: {
        commandText: "codedeploy continue-deployment --deployment-id $DeploymentId --region $Region --deployment-wait-type READY_WAIT",
      },
      attachments: [
        {
          notificationType: "Custom",
          buttonText: "🔁 Switch task sets",
          criteria: [
            {
              operator: "EQUALS",
              variableName: "ActionGroup",
              value: "blue-green-deployment",
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

    const rollbackDeploymentAction = new chatbot.CfnCustomAction(this, "RollbackDeploymentAction", {
      actionName: "RollbackDeployment",
      definition: {
        commandText: "codedeploy stop-deployment --deployment-id $DeploymentId --region $Region --auto-rollback-enabled",
      },
      attachments: [
        {
          notificationType: "Custom",
          buttonText: "🔙 Rollback",
          criteria: [
            {
              operator: "EQUALS",
              variableName: "ActionGroup",
              value: "blue-green-deployment",
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

    const terminateOldTaskAction = new chatbot.CfnCustomAction(this, "TerminateOldTaskAction", {
      actionName: "TerminateOldTask",
      definition: {
        commandText: "codedeploy continue-deployment --deployment-id $DeploymentId --region $Region --deployment-wait-type TERMINATION_WAIT",
      },
      attachments: [
        {
          notificationType: "Custom",
          buttonText: "🧹 Terminate old task set",
          criteria: [
            {
              operator: "EQUALS",
              variableName: "ActionGroup",
              value: "blue-green-deployment",
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

    new cdk.CfnOutput(this, "SwitchTasksActionArn", {
      description: "Custom action SwitchTasks",
      value: switchTasksAction.attrCustomActionArn,
    });
    new cdk.CfnOutput(this, "RollbackDeploymentActionArn", {
      description: "Custom action RollbackDeployment",
      value: rollbackDeploymentAction.attrCustomActionArn,
    });
    new cdk.CfnOutput(this, "TerminateOldTaskActionArn", {
      description: "Custom action TerminateOldTask",
      value: terminateOldTaskAction.attrCustomActionArn,
    });
  }
}
