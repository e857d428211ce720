#!/usr/bin/env node
import * as cdk from "aws-cdk-lib";
import { ChatOpsStack } from "../lib/ecs-deployment-progress-failure-and-the-stack";

const app = new cdk.App();
new ChatOpsStack(app, "ecs-deployment-progress-failure-and-the");
app.synth();
