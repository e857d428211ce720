#!/usr/bin/env node
import * as cdk from "aws-cdk-lib";
import { ChatOpsStack } from "../lib/blue-green-deployment-ready-for-validation-stack";

const app = new cdk.App();
new ChatOpsStack(app, "blue-green-deployment-ready-for-validation");
app.synth();
