#!/usr/bin/env node
import * as cdk from "aws-cdk-lib";
import { ChatOpsStack } from "../lib/deployment-status-thread-stack";

const app = new cdk.App();
new ChatOpsStack(app, "deployment-status-thread");
app.synth();
