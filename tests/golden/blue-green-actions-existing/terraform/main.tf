terraform {
  required_version = ">= 1.4.0"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 5.0, < 7.0"
    }
    awscc = {
      source  = "hashicorp/awscc"
      version = ">= 1.25.0, < 2.0.0"
    }
  }
}

provider "aws" {
  region = var.region
}

provider "awscc" {
  region = var.chatbot_region
}

resource "awscc_chatbot_custom_action" "switch_tasks" {
  action_name = "SwitchTasks"
  definition = {
    command_text = "codedeploy continue-deployment --deployment-id $DeploymentId --region $Region --deployment-wait-type READY_WAIT"
  }
  attachments = [
    {
      notification_type = "Custom"
      button_text       = "🔁 Switch task sets"
      criteria = [
        {
          operator      = "EQUALS"
          variable_name = "ActionGroup"
          value         = "blue-green-deployment"
        }
      ]
      variables = {
        ActionGroup  = "event.metadata.additionalContext.ActionGroup"
        DeploymentId = "event.metadata.additionalContext.DeploymentId"
        Region       = "event.metadata.additionalContext.Region"
      }
    }
  ]
}

resource "terraform_data" "associate_switch_tasks" {
  input = {
    resource      = awscc_chatbot_custom_action.switch_tasks.custom_action_arn
    configuration = var.channel_configuration_arn
    region        = var.chatbot_region
  }

  provisioner "local-exec" {
    command = "aws chatbot associate-to-configuration --resource '${self.input.resource}' --chat-configuration '${self.input.configuration}' --region '${self.input.region}'"
  }

  provisioner "local-exec" {
    when    = destroy
    command = "aws chatbot disassociate-from-configuration --resource '${self.input.resource}' --chat-configuration '${self.input.configuration}' --region '${self.input.region}'"
  }
}

resource "awscc_chatbot_custom_action" "rollback_deployment" {
  action_name = "RollbackDeployment"
  definition = {
    command_text = "codedeploy stop-deployment --deployment-id $DeploymentId --region $Region --auto-rollback-enabled"
  }
  attachments = [
    {
      notification_type = "Custom"
      button_text       = "🔙 Rollback"
      criteria = [
        {
          operator      = "EQUALS"
          variable_name = "ActionGroup"
          value         = "blue-green-deployment"
        }
      ]
      variables = {
        ActionGroup  = "event.metadata.additionalContext.ActionGroup"
        DeploymentId = "event.metadata.additionalContext.DeploymentId"
        Region       = "event.metadata.additionalContext.Region"
      }
    }
  ]
}

resource "terraform_data" "associate_rollback_deployment" {
  input = {
    resource      = awscc_chatbot_custom_action.rollback_deployment.custom_action_arn
    configuration = var.channel_configuration_arn
    region        = var.chatbot_region
  }

  provisioner "local-exec" {
    command = "aws chatbot associate-to-configuration --resource '${self.input.resource}' --chat-configuration '${self.input.configuration}' --region '${self.input.region}'"
  }

  provisioner "local-exec" {
    when    = destroy
    command = "aws chatbot disassociate-from-configuration --resource '${self.input.resource}' --chat-configuration '${self.input.configuration}' --region '${self.input.region}'"
  }
}

resource "awscc_chatbot_custom_action" "terminate_old_task" {
  action_name = "TerminateOldTask"
  definition = {
    command_text = "codedeploy continue-deployment --deployment-id $DeploymentId --region $Region --deployment-wait-type TERMINATION_WAIT"
  }
  attachments = [
    {
      notification_type = "Custom"
      button_text       = "🧹 Terminate old task set"
      criteria = [
        {
          operator      = "EQUALS"
          variable_name = "ActionGroup"
          value         = "blue-green-deployment"
        }
      ]
      variables = {
        ActionGroup  = "event.metadata.additionalContext.ActionGroup"
        DeploymentId = "event.metadata.additionalContext.DeploymentId"
        Region       = "event.metadata.additionalContext.Region"
      }
    }
  ]
}

resource "terraform_data" "associate_terminate_old_task" {
  input = {
    resource      = awscc_chatbot_custom_action.terminate_old_task.custom_action_arn
    configuration = var.channel_configuration_arn
    region        = var.chatbot_region
  }

  provisioner "local-exec" {
    command = "aws chatbot associate-to-configuration --resource '${self.input.resource}' --chat-configuration '${self.input.configuration}' --region '${self.input.region}'"
  }

  provisioner "local-exec" {
    when    = destroy
    command = "aws chatbot disassociate-from-configuration --resource '${self.input.resource}' --chat-configuration '${self.input.configuration}' --region '${self.input.region}'"
  }
}
